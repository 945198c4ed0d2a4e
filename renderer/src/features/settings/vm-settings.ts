import { settingsPatchSchema, type SettingsPatch, type VmSettings } from '../../../../contract/domains/settings.js';
import type { VmView } from '../../../../contract/index.js';

export type VmResourceKey = 'cpus' | 'memoryMiB' | 'diskGiB';
/** Where a problem shows: beside a resource field, under the shared folders, by the ports box, or atop the section. */
export type VmField = VmResourceKey | 'shares' | 'ports' | 'form';
export type VmFieldErrors = Partial<Record<VmField, string>>;

/** Saves a VM change; resolves with the problems field by field, or undefined once saved. */
export type SaveVm = (patch: SettingsPatch, what: string) => Promise<VmFieldErrors | undefined>;

const RESOURCE_KEYS: readonly VmResourceKey[] = ['cpus', 'memoryMiB', 'diskGiB'];

/** The file sharing the VM uses, once VmView says (`shareFs` is on its way into the contract). */
type VmViewWithShareFs = VmView & { shareFs?: '9p' | 'virtiofs' };

export interface VmPending {
  /** Berth's VM is the engine in use (the engine status carries it). */
  inUse: boolean;
  /** Saved resources the VM does not have yet: they apply at its next start. */
  changed: VmResourceKey[];
  /** The VM runs with other values than the saved ones: offer to restart it. */
  canRestart: boolean;
}

/** What the saved resources change compared to the VM in use, and whether a restart would apply them. */
export function vmSettingsPending(saved: VmSettings, vm: VmView | undefined): VmPending {
  if (!vm) return { inUse: false, changed: [], canRestart: false };
  // A VM never created yet will be made with the saved values: nothing is pending.
  const changed = vm.state === 'absent' ? [] : RESOURCE_KEYS.filter((k) => saved[k] !== vm[k]);
  return { inUse: true, changed, canRestart: vm.state === 'running' && changed.length > 0 };
}

/** "Shared with 9p (QEMU)", or nothing until the engine status says which file sharing the VM uses. */
export function shareFsLabel(vm: VmView | undefined): string | undefined {
  const fs = (vm as VmViewWithShareFs | undefined)?.shareFs;
  if (fs === '9p') return 'Shared with 9p (QEMU)';
  if (fs === 'virtiofs') return 'Shared with virtio-fs';
  return undefined;
}

/** Whether the 9p note on file-change events applies (9p, or not known yet). */
export function mayUse9p(vm: VmView | undefined): boolean {
  return (vm as VmViewWithShareFs | undefined)?.shareFs !== 'virtiofs';
}

/** MiB as GiB for an input: "2", "1.5", "15.63". */
export function mibToGiBText(mib: number): string {
  return String(Number((mib / 1024).toFixed(2)));
}

/** "8 GiB", "15.6 GiB": a host's or VM's memory in words. */
export function formatGiB(mib: number): string {
  const g = mib / 1024;
  return `${Number.isInteger(g) ? g : g.toFixed(1)} GiB`;
}

/** Which field a back-end or schema issue belongs to: `vm.cpus`, `patch.vm.shares.2.hostPath`… */
export function vmFieldOf(path: string): VmField {
  const parts = path.split('.');
  const at = parts.indexOf('vm');
  const key = at >= 0 ? parts[at + 1] : undefined;
  if (key === 'cpus' || key === 'memoryMiB' || key === 'diskGiB' || key === 'shares') return key;
  if (key === 'portsAllInterfaces') return 'ports';
  return 'form';
}

function addIssue(errors: VmFieldErrors, field: VmField, message: string): void {
  errors[field] = errors[field] ? `${errors[field]} ${message}` : message;
}

/**
 * A refused change, field by field: the back end names each field in `details.issues` (`vm.cpus`,
 * `vm.shares.1.hostPath`, or `patch.vm.…` when the request's schema refused it). Anything else goes atop
 * the section as one message.
 */
export function vmFieldErrors(err: unknown): VmFieldErrors {
  const e = err as { message?: unknown; details?: { issues?: unknown } } | undefined;
  const issues = Array.isArray(e?.details?.issues) ? (e.details.issues as unknown[]) : [];
  const errors: VmFieldErrors = {};
  for (const i of issues) {
    const issue = i as { field?: unknown; message?: unknown };
    if (typeof issue.field !== 'string' || typeof issue.message !== 'string') continue;
    const field = vmFieldOf(issue.field);
    addIssue(errors, field, field === 'form' ? `${issue.field}: ${issue.message}` : issue.message);
  }
  if (!Object.keys(errors).length) addIssue(errors, 'form', typeof e?.message === 'string' && e.message ? e.message : String(err));
  return errors;
}

export interface ResourceDrafts {
  cpus: string;
  memoryGiB: string;
  diskGiB: string;
}

export function resourceDrafts(vm: VmSettings): ResourceDrafts {
  return { cpus: String(vm.cpus), memoryGiB: mibToGiBText(vm.memoryMiB), diskGiB: String(vm.diskGiB) };
}

/** A decimal number, signed: "-1" is a number below the minimum (the contract says so), not "not a number". */
const NUMBER = /^\s*[-+]?\d+(\.\d+)?\s*$/;

/**
 * The resources typed in, as a patch, or what is wrong with them field by field (the contract's own
 * messages; the host's limits are the back end's to judge). Memory is typed in GiB and saved in MiB;
 * left as shown, it keeps the saved MiB exactly.
 */
export function resourcePatch(drafts: ResourceDrafts, saved: VmSettings): { patch: SettingsPatch } | { errors: VmFieldErrors } {
  const errors: VmFieldErrors = {};
  const read = (text: string, field: VmResourceKey, what: string): number => {
    if (!text.trim()) addIssue(errors, field, `Enter ${what}.`);
    else if (!NUMBER.test(text)) addIssue(errors, field, `Enter ${what} as a number.`);
    return Number(text);
  };
  const cpus = read(drafts.cpus, 'cpus', 'the number of CPUs');
  const memoryGiB = read(drafts.memoryGiB, 'memoryMiB', 'the memory in GiB');
  const diskGiB = read(drafts.diskGiB, 'diskGiB', 'the disk size in GiB');
  if (Object.keys(errors).length) return { errors };
  const memoryMiB = drafts.memoryGiB.trim() === mibToGiBText(saved.memoryMiB) ? saved.memoryMiB : Math.round(memoryGiB * 1024);
  const parsed = settingsPatchSchema.safeParse({ vm: { cpus, memoryMiB, diskGiB } });
  if (parsed.success) return { patch: parsed.data };
  for (const i of parsed.error.issues) addIssue(errors, vmFieldOf(i.path.map(String).join('.')), sentence(i.message));
  return { errors };
}

/** "must be at least 1" → "Must be at least 1." */
const sentence = (s: string) => (s ? `${s[0]!.toUpperCase()}${s.slice(1)}.` : s);
