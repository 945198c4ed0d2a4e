import { z } from 'zod';
import { method, stream } from '../define.js';
import { DEFAULT_MAX_ENTRIES, DEFAULT_RETENTION_MS, DEFAULT_VOLUME_LIMIT_BYTES, MAX_VOLUME_LIMIT_BYTES, maxEntriesSchema, retentionSchema } from './recycle-bin.js';

export const engineChoices = ['auto', 'native', 'embedded', 'vm'] as const;
export const themeChoices = ['system', 'light', 'dark'] as const;
export const MIN_LOG_BUFFER_LINES = 1_000;
export const MAX_LOG_BUFFER_LINES = 1_000_000;

const bool = z.boolean({ error: 'expected true or false' });

export const notificationSettingsSchema = z
  .object({
    transferFinished: bool,
    transferFailed: bool,
    containerExited: bool,
    engineStopped: bool,
  })
  .strict();

export const volumeLimitSchema = z
  .number({ error: 'expected a size in bytes' })
  .int({ error: 'must be a whole number of bytes' })
  .min(0, { error: 'must be 0 or more' })
  .max(MAX_VOLUME_LIMIT_BYTES, { error: 'must be at most 1 TiB' });

export const MIN_VM_CPUS = 1;
export const MIN_VM_MEMORY_MIB = 1024;
export const MIN_VM_DISK_GIB = 8;
export const MAX_VM_SHARES = 32;

/** A host folder shared with the VM (at the same path inside it). */
export const vmShareSchema = z
  .object({
    hostPath: z.string({ error: 'expected a folder path' }).max(4096, { error: 'must be at most 4096 characters' }),
    readOnly: bool.optional(),
  })
  .strict();

/** Berth's VM: read when the VM starts (resources, shares); ports follow changes at once. */
export const vmSettingsSchema = z
  .object({
    cpus: z
      .number({ error: 'expected a number of CPUs' })
      .int({ error: 'must be a whole number of CPUs' })
      .min(MIN_VM_CPUS, { error: `must be at least ${MIN_VM_CPUS}` }),
    memoryMiB: z
      .number({ error: 'expected a size in MiB' })
      .int({ error: 'must be a whole number of MiB' })
      .min(MIN_VM_MEMORY_MIB, { error: `must be at least ${MIN_VM_MEMORY_MIB} MiB (1 GiB)` }),
    diskGiB: z
      .number({ error: 'expected a size in GiB' })
      .int({ error: 'must be a whole number of GiB' })
      .min(MIN_VM_DISK_GIB, { error: `must be at least ${MIN_VM_DISK_GIB} GiB` }),
    shares: z.array(vmShareSchema, { error: 'expected a list of shared folders' }).max(MAX_VM_SHARES, { error: `at most ${MAX_VM_SHARES} folders can be shared` }),
    /** Publish forwarded container ports on all host interfaces (0.0.0.0 and ::) instead of 127.0.0.1 and ::1. */
    portsAllInterfaces: bool,
  })
  .strict();

/** Everything Berth remembers between runs (`<dataDir>/settings.json`). */
export const settingsSchema = z
  .object({
    version: z.literal(1, { error: 'settings version must be 1' }),
    /** Which engine Berth starts or connects to; read at start (a command-line --engine wins). */
    engine: z.enum(engineChoices, { error: `engine is one of ${engineChoices.join(', ')}` }),
    theme: z.enum(themeChoices, { error: `theme is one of ${themeChoices.join(', ')}` }),
    notifications: notificationSettingsSchema,
    /** `maxEntries`: most entries kept (containers and volumes together); a lower limit drops the oldest at once. */
    recycleBin: z.object({ retentionMs: retentionSchema, volumeLimitBytes: volumeLimitSchema, maxEntries: maxEntriesSchema }).strict(),
    /** Lines a log view keeps in memory. */
    logBufferLines: z
      .number({ error: 'expected a number of lines' })
      .int({ error: 'must be a whole number of lines' })
      .min(MIN_LOG_BUFFER_LINES, { error: `must be at least ${MIN_LOG_BUFFER_LINES}` })
      .max(MAX_LOG_BUFFER_LINES, { error: `must be at most ${MAX_LOG_BUFFER_LINES}` }),
    /** Desktop only. */
    startAtLogin: bool,
    /** Desktop only: electron-updater's generic feed; empty or absent means Berth's own. */
    updateFeedUrl: z.string().max(2048).regex(/^(https?:\/\/\S+)?$/, { error: 'expected an http(s) URL, or empty for the default' }).optional(),
    /** Berth's VM (absent from files written before it existed: the store fills in the defaults). */
    vm: vmSettingsSchema,
  })
  .strict();

export type Settings = z.output<typeof settingsSchema>;
export type EngineChoice = Settings['engine'];
export type ThemeChoice = Settings['theme'];
export type NotificationKind = keyof Settings['notifications'];
export type VmSettings = Settings['vm'];
export type VmShareSetting = VmSettings['shares'][number];

export const defaultSettings: Settings = {
  version: 1,
  engine: 'auto',
  theme: 'system',
  notifications: { transferFinished: true, transferFailed: true, containerExited: true, engineStopped: true },
  recycleBin: { retentionMs: DEFAULT_RETENTION_MS, volumeLimitBytes: DEFAULT_VOLUME_LIMIT_BYTES, maxEntries: DEFAULT_MAX_ENTRIES },
  logBufferLines: 100_000,
  startAtLogin: false,
  // shares: the user's home, which only the back end knows (SettingsStore fills it in).
  vm: { cpus: 2, memoryMiB: 2048, diskGiB: 64, shares: [], portsAllInterfaces: false },
};

/** A change: any subset of the settings (nested groups may be partial too). */
export const settingsPatchSchema = z
  .object({
    engine: settingsSchema.shape.engine.optional(),
    theme: settingsSchema.shape.theme.optional(),
    notifications: notificationSettingsSchema.partial().optional(),
    recycleBin: settingsSchema.shape.recycleBin.partial().optional(),
    logBufferLines: settingsSchema.shape.logBufferLines.optional(),
    startAtLogin: bool.optional(),
    updateFeedUrl: settingsSchema.shape.updateFeedUrl,
    /** `shares`, when given, is the whole new list. */
    vm: vmSettingsSchema.partial().optional(),
  })
  .strict();

export type SettingsPatch = z.output<typeof settingsPatchSchema>;

export type EngineFrom = { kind: 'flag' } | { kind: 'settings' } | { kind: 'unusable'; reason: string };

export interface SettingsView {
  settings: Settings;
  /** Where they are kept. */
  file: string;
  /** A settings file that could not be used: what was wrong and where it was moved. Shown until dismissed. */
  problem?: { message: string; keptAs: string };
  /** The engine choice in effect in this run (a change applies at the next start). */
  engineInEffect: EngineChoice;
  /**
   * Where that choice came from: `--engine` on the command line (it wins over the setting), the saved
   * setting, or "auto" because the saved choice cannot apply on this computer (and why).
   */
  engineFrom: EngineFrom;
  /** This computer, for the limits of the VM settings: CPUs, memory, and the home folder (the default share). */
  vmHost: { cpus: number; memoryMiB: number; home: string };
}

/** Berth's own settings, shared by every window. */
export const settingsApi = {
  get: method<SettingsView>()(z.object({}).strict()),
  /** The settings now, then again after every change (from any window). */
  watch: stream<SettingsView>()(z.object({}).strict()),
  /** Validates, saves atomically, then returns the new settings. */
  update: method<SettingsView>()(z.object({ patch: settingsPatchSchema }).strict()),
  /** Forget the problem notice (the kept-aside file stays where it is). */
  dismissProblem: method<SettingsView>()(z.object({}).strict()),
};
