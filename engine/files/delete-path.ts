import { PassThrough, type Duplex } from 'node:stream';
import { BerthError } from '../../contract/errors.js';
import { containerPath, inspectContainer } from '../adapter/calls.js';
import type { EngineAdapter } from '../adapter/engine-adapter.js';
import { toBerthError } from '../errors.js';
import { isNotFoundText } from '../exec/exec-messages.js';
import { statPath } from './archive-stat.js';
import { fileError } from './file-errors.js';

/** Most output of rm kept for the message. */
const MAX_OUTPUT = 8192;

/** Why files of a container in this state cannot be deleted (undefined: it runs). */
export function deleteBlockedReason(state: { Running?: boolean; Paused?: boolean }): string | undefined {
  if (state.Paused) return 'Unpause the container to delete files: deleting runs rm inside the container';
  if (!state.Running) return 'Start the container to delete files: deleting runs rm inside the container';
  return undefined;
}

/**
 * Delete a file or a folder (with all it holds) of a running container: the engine has no
 * delete-file API, so `rm -rf -- <path>` runs inside it as root. `/` is never deleted. A container
 * that is not running (or paused), a missing path, a missing rm and rm's own failure (a read-only
 * mount, a busy mount point) each come back as a readable BerthError.
 */
export async function deletePath(o: { engine: EngineAdapter; id: string; path: string; signal?: AbortSignal; endpoint?: string }): Promise<null> {
  const { engine, id, path, signal, endpoint } = o;
  if (path === '/') throw new BerthError('VALIDATION', 'The root folder “/” cannot be deleted', { path });
  let state: { Running?: boolean; Paused?: boolean };
  try {
    state = (await inspectContainer(engine, id)).State;
  } catch (err) {
    throw await fileError(err, engine, id, path, endpoint);
  }
  const blocked = deleteBlockedReason(state);
  if (blocked) throw new BerthError('CONFLICT', blocked, { id, path });
  try {
    await statPath(engine, id, path, signal);
  } catch (err) {
    throw await fileError(err, engine, id, path, endpoint);
  }
  let result: { exitCode: number | null; output: string };
  try {
    result = await run(engine, id, ['rm', '-rf', '--', path], signal);
  } catch (err) {
    throw toBerthError(err, endpoint);
  }
  if (result.exitCode === 0) return null;
  throw rmError(path, result.exitCode, result.output);
}

/** A failed rm, worded: the engine's start error (no rm) or rm's own message. */
export function rmError(path: string, exitCode: number | null, output: string): BerthError {
  const text = output.trim();
  if ((exitCode === 126 || exitCode === 127 || /OCI runtime exec failed/i.test(text)) && isNotFoundText(text)) {
    return new BerthError('ENGINE_ERROR', `Could not delete ${path}: this container has no rm command`, { path, output: text });
  }
  const reason = text
    .replace(/^\s*OCI runtime exec failed:\s*/i, '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(-3)
    .join('; ');
  return new BerthError('ENGINE_ERROR', `Could not delete ${path}: ${reason || `rm ended with code ${exitCode ?? 'unknown'}`}`, { path, exitCode, output: text });
}

/** Run argv in the container as root, no TTY: its exit code and what it wrote (stdout and stderr, bounded). */
async function run(engine: EngineAdapter, id: string, argv: string[], signal?: AbortSignal): Promise<{ exitCode: number | null; output: string }> {
  const body = { Cmd: argv, AttachStdout: true, AttachStderr: true, User: '0' };
  const { Id: execId } = await engine.json<{ Id: string }>({ method: 'POST', path: `${containerPath(id)}/exec`, body, signal });
  const stream: Duplex = await engine.hijack({ path: `/exec/${encodeURIComponent(execId)}/start`, body: { Detach: false, Tty: false }, stdin: false, signal });
  const out = new PassThrough();
  let output = '';
  const decoder = new TextDecoder();
  out.on('data', (chunk: Buffer) => {
    if (output.length < MAX_OUTPUT) output += decoder.decode(chunk, { stream: true });
  });
  engine.demux(stream, out, out);
  await new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.on('error', reject);
  });
  // The stream can end a moment before the engine records the exit code.
  let info = await inspectExec(engine, execId);
  for (let i = 0; info.Running && i < 40; i++) {
    await new Promise((r) => setTimeout(r, 50));
    info = await inspectExec(engine, execId);
  }
  return { exitCode: info.ExitCode ?? null, output: output.slice(0, MAX_OUTPUT) };
}

function inspectExec(engine: EngineAdapter, execId: string): Promise<{ ExitCode?: number | null; Running?: boolean }> {
  return engine.json({ path: `/exec/${encodeURIComponent(execId)}/json` });
}
