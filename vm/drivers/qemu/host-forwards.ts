import type { Disposable } from '../../../contract/define.js';
import type { VmPortForward } from '../../driver.js';
import type { QmpClient } from './qmp-client.js';

/**
 * Host → guest port forwards in QEMU's user-mode network (`net0`), made and removed with the HMP commands
 * `hostfwd_add` and `hostfwd_remove`, and the list of those asked for. The list outlives one QEMU: after a
 * resume its forwards are made again (`restore`); in a QEMU taken over, the earlier back end's forwards
 * are removed (`clearAllBut`) and the port manager asks for them again.
 */
export class HostForwards {
  private readonly forwards: VmPortForward[] = [];

  /** `qmp`: the running QEMU's QMP connection, if there is one. */
  constructor(private readonly qmp: () => QmpClient | undefined) {}

  /** Forwards `forward` until disposed. Rejects when QEMU refuses it (the host port is taken). */
  async add(forward: VmPortForward): Promise<Disposable> {
    await this.hostfwdAdd(forward);
    this.forwards.push(forward);
    return {
      dispose: () => {
        const i = this.forwards.indexOf(forward);
        if (i >= 0) this.forwards.splice(i, 1);
        void this.qmp()?.hmp(`hostfwd_remove net0 ${forward.protocol}:${forward.hostIp}:${forward.hostPort}`).catch(() => undefined);
      },
    };
  }

  /** The forwards asked for and not disposed yet. */
  list(): VmPortForward[] {
    return [...this.forwards];
  }

  /** Makes every listed forward again in a new QEMU (after a resume); one that fails is logged. */
  async restore(log?: (line: string) => void): Promise<void> {
    for (const f of this.forwards) await this.hostfwdAdd(f).catch((e: Error) => log?.(e.message));
  }

  /**
   * Removes every host forward QEMU has but the engine's (QEMU's `info usernet` lists them). Throws when
   * QEMU goes away meanwhile, so a takeover of a QEMU that just ended fails instead of reporting it running.
   */
  async clearAllBut(enginePort: number): Promise<void> {
    const first = this.qmp();
    if (!first) return;
    const table = await first.hmp('info usernet');
    for (const m of table.matchAll(/^\s*(TCP|UDP)\[HOST_FORWARD\]\s+\d+\s+(\S+)\s+(\d+)/gm)) {
      const [, proto, ip, port] = m;
      if (proto === 'TCP' && Number(port) === enginePort) continue;
      const qmp = this.qmp();
      if (!qmp) throw new Error('QEMU ended');
      const hostIp = ip === '*' ? '' : ip;
      await qmp.hmp(`hostfwd_remove net0 ${proto!.toLowerCase()}:${hostIp}:${port}`).catch(() => undefined);
    }
  }

  private async hostfwdAdd(f: VmPortForward): Promise<void> {
    const qmp = this.qmp();
    if (!qmp) throw new Error('The VM is not running.');
    const out = await qmp.hmp(`hostfwd_add net0 ${f.protocol}:${f.hostIp}:${f.hostPort}-:${f.guestPort}`);
    if (out.trim()) throw new Error(`Cannot forward ${f.hostIp}:${f.hostPort}: ${out.trim()} (is the port taken?)`);
  }
}
