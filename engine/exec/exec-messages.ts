import type { ExecExitReason } from '../../contract/models/container-exec.js';

/** The engine writes this into the terminal when runc cannot start the process (Docker ≤ 24). */
export const OCI_ERROR_PREFIX = 'OCI runtime exec failed';

export type ExecCommandArg = 'sh' | 'bash' | readonly string[];

/** The argv to run for a command choice. */
export function argvOf(command: ExecCommandArg): string[] {
  if (command === 'sh') return ['/bin/sh'];
  if (command === 'bash') return ['/bin/bash'];
  return [...command];
}

/** True when the engine's text says the program does not exist in the container. */
export function isNotFoundText(text: string): boolean {
  return /executable file not found|no such file or directory|not found in \$PATH/i.test(text);
}

/** A readable explanation of why the command could not start, naming what to try instead. */
export function explainStartFailure(command: ExecCommandArg, engineText: string): { reason: ExecExitReason; message: string } {
  if (isNotFoundText(engineText)) {
    if (command === 'bash') return { reason: 'command-not-found', message: 'This container has no /bin/bash. Try sh, or run a custom command.' };
    if (command === 'sh') return { reason: 'command-not-found', message: 'This container has no shell (/bin/sh). Run a custom command, or attach to the main process.' };
    return { reason: 'command-not-found', message: `“${command[0] ?? ''}” was not found in this container. Check the command and its path, or try sh.` };
  }
  const cleaned = engineText
    .replace(/^\s*OCI runtime exec failed:\s*/i, '')
    .replace(/^exec failed:\s*/i, '')
    .replace(/:\s*unknown\s*$/i, '')
    .trim();
  return { reason: 'engine-error', message: `The command could not start: ${cleaned || 'the engine gave no reason'}` };
}

/**
 * Watches the first output of an exec: the engine's own start error ("OCI runtime exec failed: …")
 * arrives as terminal output. While the text so far could still be that error it is held back; once it
 * clearly is not, it is released. Held text that is the error is never shown in the terminal.
 */
export class StartErrorProbe {
  private held = '';
  private state: 'probing' | 'passed' | 'error' = 'probing';

  /** Feed output; returns what may be shown now. */
  push(text: string): string {
    if (this.state === 'passed') return text;
    this.held += text;
    if (this.state === 'error' || this.held.startsWith(OCI_ERROR_PREFIX)) {
      this.state = 'error';
      if (this.held.length > 8192) this.held = this.held.slice(0, 8192);
      return '';
    }
    if (OCI_ERROR_PREFIX.startsWith(this.held)) return '';
    this.state = 'passed';
    const out = this.held;
    this.held = '';
    return out;
  }

  /** The engine's start error, if that is what the output was. */
  get startError(): string | undefined {
    return this.state === 'error' ? this.held : undefined;
  }

  /** At the end: output still held that turned out not to be an error. */
  flush(): string {
    if (this.state !== 'probing') return '';
    const out = this.held;
    this.held = '';
    return out;
  }
}

/**
 * True when a resize failed only because the process is gone: the exec ended (404 "no such exec"; or,
 * in the moment between its end and the engine forgetting it, 500 from containerd "… not found", "cannot
 * resize a deleted process" or "cannot resize a stopped container"; 60 tries here gave all four), or its
 * container stopped (409, or 500 "… is not running"). Such a resize is moot, and the end itself reaches
 * the terminal on the session's stream, so it is not an error to show.
 */
export function isResizeAfterEnd(err: unknown): boolean {
  const e = (err ?? {}) as { statusCode?: unknown; message?: unknown };
  if (e.statusCode === 404 || e.statusCode === 409) return true;
  return (
    e.statusCode === 500 &&
    typeof e.message === 'string' &&
    /is not running|not found|no such process|process already finished|cannot resize a (deleted process|stopped container)/i.test(e.message)
  );
}
