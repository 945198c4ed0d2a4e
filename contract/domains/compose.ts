import { z } from 'zod';
import { method, stream } from '../define.js';
import type { ComposeDownPlan, ComposeEvent, ComposeLoadResult, MergedLogLine } from '../models/compose.js';

const absoluteFile = z
  .string({ error: 'expected a file path' })
  .trim()
  .min(1, { error: 'a compose file path is required' })
  .max(4096)
  .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p), { error: 'must be an absolute path on the Berth back-end host, e.g. /srv/app/compose.yaml' });

const serviceName = z.string().trim().min(1).max(255).regex(/^[a-zA-Z0-9._-]+$/, { error: 'is not a service name' });

/** Compose v2's project name rule. */
export const projectNameSchema = z
  .string({ error: 'expected a project name' })
  .trim()
  .min(1, { error: 'a project name is required' })
  .max(255)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, { error: 'must be lower-case letters, digits, "_" and "-", starting with a letter or digit' });

export const composeFilesArgs = z
  .object({
    /** Merged in order, like several `-f`. */
    files: z.array(absoluteFile).min(1, { error: 'give at least one compose file' }).max(20),
    /** `-p`. */
    projectName: projectNameSchema.optional(),
    /** `--profile`. */
    profiles: z.array(z.string().trim().min(1).max(255)).max(50).optional(),
  })
  .strict();

const withServices = composeFilesArgs.extend({ services: z.array(serviceName).max(500).optional() }).strict();

const downArgs = z
  .object({
    project: projectNameSchema,
    /** Also remove the project's named volumes. */
    volumes: z.boolean().default(false),
    /** Also remove images: the ones built for the project ("local") or every one it uses ("all"). */
    images: z.enum(['none', 'local', 'all']).default('none'),
    /** The project's files, when known: its networks and images are then named from them too. */
    files: z.array(absoluteFile).max(20).optional(),
  })
  .strict();

const containerRef = z.string().trim().min(1).max(256).regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, { error: 'is not a valid container id or name' });

export const composeApi = {
  /** Read and check a project's files (nothing is created): the project and what `up` would do, or every error with its file, line and column. */
  load: method<ComposeLoadResult>()(composeFilesArgs),
  /** `up -d`: per-service progress; unsubscribing cancels. */
  up: stream<ComposeEvent>()(withServices),
  /** Pull the services' images (a whole project, or the named services). */
  pull: stream<ComposeEvent>()(withServices),
  /** start, stop or restart a project (found by its labels, whoever started it), or one of its services. */
  action: method<{ containers: string[] }>()(
    z.object({ project: projectNameSchema, action: z.enum(['start', 'stop', 'restart']), service: serviceName.optional() }).strict(),
  ),
  /** Exactly what `down` would remove, to show before asking. */
  downPlan: method<ComposeDownPlan>()(downArgs),
  /** `down`: the project's containers and networks, with options its volumes and images. Returns what was removed. */
  down: method<ComposeDownPlan>()(downArgs),
  /** Several containers' logs as one stream in the engine's timestamp order (a project's, or any selection). */
  logs: stream<MergedLogLine[]>()(
    z
      .object({
        ids: z.array(containerRef).min(1, { error: 'choose at least one container' }).max(200, { error: 'at most 200 containers at once' }),
        tail: z.number().int().min(0).max(100_000).default(1000),
        follow: z.boolean().default(true),
      })
      .strict(),
  ),
};
