import { z } from 'zod';
import { method, stream } from '../define.js';
import { DEFAULT_RETENTION_MS, DEFAULT_VOLUME_LIMIT_BYTES, MAX_VOLUME_LIMIT_BYTES, retentionSchema } from './recycle-bin.js';

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

/** Everything Berth remembers between runs (`<dataDir>/settings.json`). */
export const settingsSchema = z
  .object({
    version: z.literal(1, { error: 'settings version must be 1' }),
    /** Which engine Berth starts or connects to; read at start (a command-line --engine wins). */
    engine: z.enum(engineChoices, { error: `engine is one of ${engineChoices.join(', ')}` }),
    theme: z.enum(themeChoices, { error: `theme is one of ${themeChoices.join(', ')}` }),
    notifications: notificationSettingsSchema,
    recycleBin: z.object({ retentionMs: retentionSchema, volumeLimitBytes: volumeLimitSchema }).strict(),
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
  })
  .strict();

export type Settings = z.output<typeof settingsSchema>;
export type EngineChoice = Settings['engine'];
export type ThemeChoice = Settings['theme'];
export type NotificationKind = keyof Settings['notifications'];

export const defaultSettings: Settings = {
  version: 1,
  engine: 'auto',
  theme: 'system',
  notifications: { transferFinished: true, transferFailed: true, containerExited: true, engineStopped: true },
  recycleBin: { retentionMs: DEFAULT_RETENTION_MS, volumeLimitBytes: DEFAULT_VOLUME_LIMIT_BYTES },
  logBufferLines: 100_000,
  startAtLogin: false,
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
  })
  .strict();

export type SettingsPatch = z.output<typeof settingsPatchSchema>;

export interface SettingsView {
  settings: Settings;
  /** Where they are kept. */
  file: string;
  /** A settings file that could not be used: what was wrong and where it was moved. Shown until dismissed. */
  problem?: { message: string; keptAs: string };
  /** The engine choice in effect in this run (a change applies at the next start). */
  engineInEffect: EngineChoice;
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
