import { BerthError } from '../../contract/errors.js';

export interface ErrorSubject {
  /** Container id (full) and name, so the engine's ids can be replaced by the name people know. */
  id?: string;
  name: string;
  /** Who publishes a host port, when known (for "port 8080 is already in use by container web-1"). */
  portOwner?: (hostPort: string) => string | undefined;
}

/**
 * Rewrites the engine's messages for container actions into sentences a person reads at a glance,
 * naming the container by name. Unknown messages are kept (the engine's words), only tidied.
 */
export function readableActionError(err: BerthError, subject: ErrorSubject): BerthError {
  // toBerthError may already have rewritten the text; the engine's own words are then in details.engineMessage.
  const original = isObj(err.details) && typeof err.details.engineMessage === 'string' ? err.details.engineMessage : err.message;
  const raw = original.trim();
  const name = subject.name;
  const rewrite = (message: string) => new BerthError(err.code, message, { ...(isObj(err.details) ? err.details : {}), engineMessage: raw });

  if (/no such container/i.test(raw)) return rewrite(`Container ${name} no longer exists`);
  if (/cannot remove container .*container is running|container is running: stop the container before removing/i.test(raw)) {
    return rewrite('Cannot remove a running container — stop it first or use Force');
  }
  if (/removal of container .* is already in progress/i.test(raw)) return rewrite(`Container ${name} is already being removed`);
  const port = /Bind for ([^\s]*?):(\d+) failed: port is already allocated/i.exec(raw) ?? /listen tcp4? ([^\s]*?):(\d+): bind: address already in use/i.exec(raw);
  if (port) {
    const owner = subject.portOwner?.(port[2]!);
    return rewrite(
      owner ? `Port ${port[2]} is already in use by container ${owner}` : `Port ${port[2]} is already in use on the host (another program or container holds it)`,
    );
  }
  if (/is not running/i.test(raw)) return rewrite(`Container ${name} is not running`);
  if (/is not paused/i.test(raw)) return rewrite(`Container ${name} is not paused`);
  if (/is already paused/i.test(raw)) return rewrite(`Container ${name} is already paused`);
  if (/cannot start a paused container/i.test(raw)) return rewrite(`Container ${name} is paused — unpause it instead of starting it`);
  if (/is restarting, wait until the container is running/i.test(raw)) return rewrite(`Container ${name} is restarting — wait until it runs, then try again`);
  if (/is paused.*unpause the container before stopping or killing/i.test(raw)) return rewrite(`Container ${name} is paused — unpause it first`);
  if (/invalid signal/i.test(raw)) return rewrite(`The engine refused the signal: ${raw.replace(/^.*invalid signal:?\s*/i, '')}`);
  const current = err.message.trim();
  let text = current;
  if (subject.id) text = text.split(subject.id).join(name).split(subject.id.slice(0, 12)).join(name);
  text = text.replace(/^Error response from daemon:\s*/i, '');
  return text === current ? err : rewrite(text.charAt(0).toUpperCase() + text.slice(1));
}

function isObj(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}
