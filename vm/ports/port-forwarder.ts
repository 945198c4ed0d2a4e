import type { Disposable } from '../../contract/define.js';
import type { VmDriver } from '../driver.js';

/** One host socket forwarded to a port the engine published inside the VM. */
export interface ForwardSpec {
  protocol: 'tcp' | 'udp';
  /** Where the host listens: 127.0.0.1 / ::1 by default, 0.0.0.0 / :: when the user allows all interfaces. */
  hostIp: string;
  hostPort: number;
  /** The published port inside the VM (dockerd binds it there). */
  guestPort: number;
}

/**
 * What moves bytes. Implemented by QEMU's QMP hostfwd (`vmDriverForwarder`), or by the userspace proxy
 * (`userspace-forwarder.ts`) for vfkit and WSL. Rejects when the host port is taken: the error's `code`
 * is EADDRINUSE (userspace) or its message says so (QEMU), see `isPortTaken`.
 */
export interface PortForwarder {
  forward(spec: ForwardSpec): Promise<Disposable>;
}

/** A driver's own `forwardPort` as a forwarder (QEMU: QMP `hostfwd_add`/`hostfwd_remove`). */
export function vmDriverForwarder(driver: Pick<VmDriver, 'forwardPort'>): PortForwarder {
  return { forward: (spec) => driver.forwardPort(spec) };
}

/** True when a forward failed because something on the host already holds the port. */
export function isPortTaken(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | undefined;
  if (e?.code === 'EADDRINUSE') return true;
  // QEMU's hostfwd_add answers "Could not set up host forwarding rule 'tcp:127.0.0.1:8080-:8080'".
  return typeof e?.message === 'string' && /EADDRINUSE|address already in use|could not set up host forwarding|port is taken/i.test(e.message);
}

/** True when the host has no such address (e.g. no IPv6 loopback): the forward is skipped, not a conflict. */
export function isAddressMissing(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | undefined;
  return e?.code === 'EADDRNOTAVAIL' || e?.code === 'EAFNOSUPPORT' || (typeof e?.message === 'string' && /EADDRNOTAVAIL|EAFNOSUPPORT/.test(e.message));
}
