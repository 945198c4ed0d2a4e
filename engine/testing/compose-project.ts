import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import type { ComposeEvent } from '../../contract/models/compose.js';
import type { EngineConnection } from '../client/engine-connection.js';
import { createComposeService } from '../services/compose-service.js';
import { ctx, docker, removeComposeProject, testConnection } from './int-helpers.js';

/** Compose projects on the test engine, for the compose integration tests. */

export type ComposeService = ReturnType<typeof createComposeService>;

export interface TestProject {
  /** A unique project name, bt-<tag>-xxxxxx. */
  name: string;
  /** The project folder. */
  dir: string;
  /** Its compose.yaml. */
  file: string;
}

export interface ComposeTestbed {
  /** The compose service on the test engine (event hub started); set before the tests run. */
  readonly svc: ComposeService;
  /** A new folder holding `text` as compose.yaml, under a new project name; both go after the tests. */
  project(tag: string, text: string): TestProject;
  /** Run an up to its end; resolves with every event it sent. */
  up(files: string[], projectName?: string): Promise<ComposeEvent[]>;
  /** A new project (as `project`) brought up; the up must end with done. */
  upProject(tag: string, text: string): Promise<TestProject>;
}

/**
 * A compose service on the test engine for one test file: made before its tests; afterwards every
 * project made with `project` or `upProject` is removed (containers and default network) with its folder.
 */
export function useComposeTestbed(): ComposeTestbed {
  let conn: EngineConnection | undefined;
  let svc: ComposeService | undefined;
  const made: TestProject[] = [];

  beforeAll(async () => {
    conn = testConnection();
    await conn.hub.start();
    svc = createComposeService({ connections: { require: () => conn! }, dataDir: tmpdir(), log: () => undefined });
  });
  afterAll(async () => {
    for (const p of made) {
      await removeComposeProject(p.name);
      rmSync(p.dir, { recursive: true, force: true });
    }
    conn?.hub.dispose();
  });

  const bed: ComposeTestbed = {
    get svc() {
      if (!svc) throw new Error('the compose service is made in beforeAll: use it inside a test or hook');
      return svc;
    },
    project(tag, text) {
      const dir = mkdtempSync(path.join(tmpdir(), 'berth-compose-'));
      const file = path.join(dir, 'compose.yaml');
      writeFileSync(file, text);
      const p = { name: `bt-${tag}-${Math.random().toString(36).slice(2, 8)}`, dir, file };
      made.push(p);
      return p;
    },
    async up(files, projectName) {
      const events: ComposeEvent[] = [];
      for await (const e of bed.svc.up({ files, projectName }, ctx())) events.push(e);
      return events;
    },
    async upProject(tag, text) {
      const p = bed.project(tag, text);
      expect((await bed.up([p.file], p.name)).at(-1)).toMatchObject({ kind: 'done' });
      return p;
    },
  };
  return bed;
}

/** What the engine still holds of a project: its containers' ids and its default network's id ('' for none). */
export async function leftOf(project: string): Promise<{ containers: string; network: string }> {
  return {
    containers: await docker('ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`),
    network: await docker('network', 'ls', '-q', '--filter', `name=^${project}_default$`),
  };
}

/**
 * Compose YAML, at a service's indent, of a healthcheck that passes once the service made /tmp/ready:
 * the tests' way to make a service healthy when they choose.
 */
export function readyFileHealthcheck(interval: string, retries: number): string {
  return `    healthcheck:\n      test: ["CMD", "test", "-f", "/tmp/ready"]\n      interval: ${interval}\n      retries: ${retries}`;
}
