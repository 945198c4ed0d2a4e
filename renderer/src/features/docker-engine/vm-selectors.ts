import type { EngineProviderKind, EngineStatus, EngineStep, VmView } from '../../../../contract/index.js';
import { formatBytes } from '../../lib/format/bytes.js';
import type { InfoField } from './selectors.js';

export function providerLabel(kind: EngineProviderKind): string {
  switch (kind) {
    case 'native':
      return 'An engine that already runs';
    case 'embedded':
      return 'Berth’s own dockerd on this machine';
    case 'vm':
      return 'dockerd in Berth’s Linux VM';
  }
}

/** "12.3 s", "850 ms", "2 min 5 s": elapsed time of a start step. */
export function formatElapsed(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms) || ms < 0) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

export interface StepView {
  label: string;
  state: EngineStep['state'];
  elapsed: string;
}

export function stepViews(status: EngineStatus | undefined): StepView[] {
  return (status?.steps ?? []).map((s) => ({ label: s.label, state: s.state, elapsed: formatElapsed(s.elapsedMs) }));
}

const VM_STATE: Record<VmView['state'], string> = {
  absent: 'not created',
  creating: 'creating…',
  stopped: 'stopped',
  starting: 'starting…',
  running: 'running',
  stopping: 'stopping…',
  suspending: 'suspending…',
  deleting: 'deleting…',
  error: 'error',
};

export function vmFields(vm: VmView): InfoField[] {
  const fields: InfoField[] = [
    { label: 'VM state', value: VM_STATE[vm.state] },
    { label: 'Hypervisor', value: vm.accel ? `${vm.driver} (${vm.accel})` : vm.driver },
    { label: 'CPUs', value: String(vm.cpus) },
    { label: 'Memory', value: formatBytes(vm.memoryMiB * 1024 * 1024) },
    { label: 'Data disk', value: formatBytes(vm.diskGiB * 1024 ** 3) },
  ];
  if (vm.shares) {
    const list = vm.shares.map((sh) => `${sh.hostPath}${sh.readOnly ? ' (read-only)' : ''}`).join(', ');
    fields.push({ label: 'Shared folders', value: `${list || 'none'}${vm.shareFs ? ` · ${vm.shareFs}` : ''}` });
  }
  return fields;
}

export type VmAction = 'start' | 'stop' | 'restart' | 'delete' | 'reset';

/** Which VM buttons make sense in a state (the back end refuses the others with a reason). */
export function vmActionsFor(state: VmView['state']): VmAction[] {
  switch (state) {
    case 'running':
      return ['stop', 'restart', 'reset'];
    case 'stopped':
      return ['start', 'delete', 'reset'];
    case 'absent':
      return ['start'];
    case 'error':
      return ['start', 'stop', 'delete', 'reset'];
    default:
      return [];
  }
}
