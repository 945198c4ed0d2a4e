import { statSync } from 'node:fs';
import { defaultSettings, type VmSettings } from '../../contract/domains/settings.js';
import type { VmShare } from '../../vm/driver.js';
import { checkResources, type HostFacts } from '../../vm/resources.js';
import { addShare, defaultShares } from '../../vm/shares/shares.js';

/** One refused field: `vm.cpus`, `vm.shares.2.hostPath`… and what is wrong, in a sentence. */
export interface VmSettingIssue {
  field: string;
  message: string;
}

/** The VM's defaults on this computer: the contract's, sharing the user's home folder. */
export function defaultVmSettings(home: string): VmSettings {
  return { ...defaultSettings.vm, shares: defaultShares(home).map((s) => ({ hostPath: s.hostPath })) };
}

const resourceKeys = ['cpus', 'memoryMiB', 'diskGiB'] as const;

/**
 * Checks the VM settings a change would save, against the host and the saved ones. Resources: only the
 * fields the change alters are judged (a value saved on a bigger computer does not block the others),
 * and the disk never shrinks below the VM's real data disk (`diskGiB`: its size, rounded up to whole
 * GiB, or undefined when there is no disk yet; then any size of at least the minimum is fine, so a typo
 * in a saved number can be undone). Shares: when the list changes, every rule of
 * `addShare` applies to each folder in turn, plus what QEMU's command line and the guest's mount table
 * cannot carry (a comma, a tab or a newline). Returns the list to save (paths normalized) or the issues.
 */
export function checkVmSettings(
  next: VmSettings,
  saved: VmSettings,
  host: HostFacts,
  diskGiB?: number,
  folderProblem: (path: string) => string | undefined = () => undefined,
): { value: VmSettings; issues: VmSettingIssue[] } {
  const issues: VmSettingIssue[] = [];
  const changed = resourceKeys.filter((k) => next[k] !== saved[k]);
  if (changed.length) {
    const r = checkResources({ cpus: next.cpus, memoryMiB: next.memoryMiB, diskGiB: next.diskGiB }, host, { cpus: saved.cpus, memoryMiB: saved.memoryMiB, diskGiB: diskGiB ?? 0 });
    for (const k of changed) {
      const message = r.errors[k];
      if (message) issues.push({ field: `vm.${k}`, message });
    }
  }

  let shares = next.shares;
  if (JSON.stringify(next.shares) !== JSON.stringify(saved.shares)) {
    const checked = checkShares(next.shares, new Set(saved.shares.map((sh) => sh.hostPath)), folderProblem);
    issues.push(...checked.issues);
    shares = checked.shares;
  }
  return { value: { ...next, shares }, issues };
}

/**
 * `savedPaths`: the folders shared already. Only a folder being added is looked for on the disk: one
 * saved earlier may be on a drive unplugged now (the VM leaves it out at start and says so), and must
 * not block every other change.
 */
function checkShares(list: VmSettings['shares'], savedPaths: ReadonlySet<string>, folderProblem: (path: string) => string | undefined): { shares: VmSettings['shares']; issues: VmSettingIssue[] } {
  const issues: VmSettingIssue[] = [];
  let shares: VmShare[] = [];
  list.forEach((share, i) => {
    const field = `vm.shares.${i}.hostPath`;
    const bad = unshareable(share.hostPath);
    if (bad) return void issues.push({ field, message: bad });
    try {
      const added = addShare(shares, share);
      const path = added.at(-1)!.hostPath;
      const missing = savedPaths.has(path) ? undefined : folderProblem(path);
      if (missing) return void issues.push({ field, message: missing });
      shares = added;
    } catch (err) {
      issues.push({ field, message: (err as Error).message });
    }
  });
  return { shares: shares.map((s) => ({ hostPath: s.hostPath, ...(s.readOnly ? { readOnly: true } : {}) })), issues };
}

/**
 * What QEMU (`-fsdev …,path=P,…`) and the guest's tab-separated mount table cannot carry, and `..`
 * (addShare looks for it only after normalizing, which has already resolved it away).
 */
function unshareable(path: string): string | undefined {
  if (path.split(/[\\/]/).includes('..')) return `"${path}" contains "..": choose the folder itself.`;
  if (/[\t\n\r]/.test(path)) return `${JSON.stringify(path)} cannot be shared: its path contains a tab or a line break.`;
  if (path.includes(',')) return `"${path}" cannot be shared: QEMU separates its options with commas, so a shared folder's path must not contain a comma.`;
  return undefined;
}

/**
 * Why a folder cannot be shared as it is on this computer now: missing (a typo would otherwise be saved,
 * then left out at the VM's next start with a line in its log, the containers seeing an empty folder),
 * or a file (QEMU shares folders). Undefined when it is a folder.
 */
export function hostFolderProblem(path: string): string | undefined {
  try {
    if (!statSync(path).isDirectory()) return `${path} is a file, not a folder: share the folder that holds it.`;
    return undefined;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return `${path} does not exist on this computer: create the folder first, or check the path.`;
    return `${path} cannot be looked at (${code ?? (err as Error).message}): choose a folder Berth can read.`;
  }
}
