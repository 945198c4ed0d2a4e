import { useEffect, useState } from 'react';
import {
  engineChoices,
  MAX_LOG_BUFFER_LINES,
  MIN_LOG_BUFFER_LINES,
  settingsPatchSchema,
  type EngineChoice,
  type NotificationKind,
  type SettingsPatch,
  type ThemeChoice,
} from '../../../../contract/domains/settings.js';
import { useApi, useAppStore, useRuntime } from '../../app/runtime-context.js';
import { Notice } from '../../ui/notice.js';
import { reasonOf } from '../container-actions/run-actions.js';
import { RetentionSelect } from '../recycle-bin/retention-select.js';
import { MaxEntriesField } from '../recycle-bin/max-entries-field.js';
import { useRecycleBin } from '../recycle-bin/use-recycle-bin.js';
import { parseLimitMiB } from '../volumes/removed-volumes.js';
import { engineInEffect } from './engine-in-effect.js';
import { parseLogLines } from './log-lines.js';
import { DiagnosticsButton } from './diagnostics-button.js';
import { Section } from './section.js';
import { VmSettingsSection } from './vm-settings-section.js';
import './settings.css';

const engineLabels: Record<EngineChoice, string> = {
  auto: 'Automatic (an engine that answers, else Berth’s own)',
  native: 'An engine that already runs (Docker, a context, DOCKER_HOST)',
  embedded: 'Berth’s own dockerd on this machine (Linux, as root)',
  vm: 'dockerd in Berth’s Linux VM',
};
const themeLabels: Record<ThemeChoice, string> = { system: 'Follow the system', light: 'Light', dark: 'Dark' };
const notificationLabels: Record<NotificationKind, string> = {
  transferFinished: 'A pull, push or build finished',
  transferFailed: 'A pull, push or build failed',
  containerExited: 'A container exited unexpectedly',
  engineStopped: 'The engine stopped',
};
const MIB = 1024 * 1024;
type SectionName = 'appearance' | 'engine' | 'notifications' | 'recycleBin' | 'logs' | 'startAtLogin';

/** Berth’s settings: saved as soon as changed (validated, written atomically), shared by every window. */
export function SettingsPage() {
  const api = useApi();
  const { host } = useRuntime();
  const view = useAppStore((s) => s.settingsView);
  const loaded = useAppStore((s) => s.settingsLoaded);
  // The theme shows (and applies) at once; the saved value follows.
  const [themeDraft, setThemeDraft] = useState<ThemeChoice>();
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState<{ text: string; section: SectionName; at: number }>();
  const [logLines, setLogLines] = useState('');
  const [volumeMib, setVolumeMib] = useState('');
  const [volumeError, setVolumeError] = useState<string>();
  const [logLinesError, setLogLinesError] = useState<string>();
  const engineStatus = useAppStore((s) => s.engineStatus);
  // What a shorter retention would delete at once, to ask first.
  const bin = useRecycleBin();
  useEffect(() => setLogLines(view ? String(view.settings.logBufferLines) : ''), [view?.settings.logBufferLines]);
  useEffect(() => setVolumeMib(view ? String(Math.round(view.settings.recycleBin.volumeLimitBytes / MIB)) : ''), [view?.settings.recycleBin.volumeLimitBytes]);

  if (!view) return <Notice title="Loading settings…" busy role="status" />;
  const s = view.settings;
  const browser = host === 'browser';

  /** Resolves true once saved; a failure shows at the top of the page. */
  const save = async (patch: SettingsPatch, what: string, section: SectionName): Promise<boolean> => {
    const ok = settingsPatchSchema.safeParse(patch);
    if (!ok.success) {
      const i = ok.error.issues[0];
      setError(`${what}: ${i?.message ?? 'is invalid'}`);
      return false;
    }
    setError(undefined);
    try {
      loaded(await api.settings.update({ patch: ok.data }));
      setSaved({ text: `${what} saved.`, section, at: Date.now() });
      return true;
    } catch (err) {
      setError(`${what} not saved: ${reasonOf(err)}`);
      return false;
    } finally {
      setThemeDraft(undefined);
    }
  };
  const savedAt = (section: SectionName) => (saved?.section === section ? saved.at : undefined);
  const engine = engineInEffect(s.engine, view.engineInEffect, view.engineFrom, engineStatus);

  return (
    <div className="page page--scroll st-page">
      {view.problem ? (
        <div className="ca-notice ca-notice--error" role="alert">
          <p className="ca-notice__title">{view.problem.message}</p>
          {view.problem.keptAs !== view.file ? (
            <p>
              The file was kept as <code>{view.problem.keptAs}</code>.
            </p>
          ) : null}
          <button type="button" className="btn" onClick={() => void api.settings.dismissProblem({})}>
            Dismiss
          </button>
        </div>
      ) : null}
      {error ? (
        <p className="st-error" role="alert">
          {error}
        </p>
      ) : null}
      <p className="visually-hidden" role="status">
        {saved?.text}
      </p>

      <Section title="Appearance" savedAt={savedAt('appearance')}>
        <fieldset className="st-choices">
          <legend>Theme</legend>
          {(['system', 'light', 'dark'] as const).map((t) => (
            <label key={t} className="st-choice">
              <input type="radio" name="theme" value={t} checked={(themeDraft ?? s.theme) === t}
                onChange={() => {
                  setThemeDraft(t);
                  void save({ theme: t }, 'Theme', 'appearance');
                }}
              />
              {themeLabels[t]}
            </label>
          ))}
        </fieldset>
      </Section>

      <Section title="Engine" savedAt={savedAt('engine')}>
        <label className="st-field">
          <span>Docker engine</span>
          <select value={s.engine} onChange={(e) => void save({ engine: e.target.value as EngineChoice }, 'Engine choice', 'engine')}>
            {engineChoices.map((c) => (
              <option key={c} value={c}>
                {engineLabels[c]}
              </option>
            ))}
          </select>
        </label>
        <p className="st-hint">
          Takes effect the next time Berth starts (<code>--engine</code> or <code>--docker-host</code> on the command line wins). In effect now: <strong>{engine.now}</strong>.
        </p>
        {engine.note ? <p className="st-hint st-engine-note">{engine.note}</p> : null}
      </Section>

      <VmSettingsSection view={view} />

      <Section title="Notifications" desktopOnly={browser} savedAt={savedAt('notifications')}>
        <fieldset className="st-choices">
          <legend>Notify me when, while Berth’s window is not focused</legend>
          {(Object.keys(notificationLabels) as NotificationKind[]).map((k) => (
            <label key={k} className="st-choice">
              <input type="checkbox" checked={s.notifications[k]} onChange={(e) => void save({ notifications: { [k]: e.target.checked } }, notificationLabels[k], 'notifications')} />
              {notificationLabels[k]}
            </label>
          ))}
        </fieldset>
      </Section>

      <Section title="Recently removed" savedAt={savedAt('recycleBin')}>
        <label className="st-field">
          <span>Keep removed containers and volumes for</span>
          <RetentionSelect value={s.recycleBin.retentionMs} listing={bin.listing} onChange={(ms) => void save({ recycleBin: { retentionMs: ms } }, 'Retention', 'recycleBin')} />
        </label>
        <form
          className="st-field"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            // The same rule as the field on the Recently removed page: empty is not 0.
            const parsed = parseLimitMiB(volumeMib);
            if ('error' in parsed) return setVolumeError(parsed.error);
            setVolumeError(undefined);
            void save({ recycleBin: { volumeLimitBytes: parsed.bytes } }, 'Volume size limit', 'recycleBin');
          }}
        >
          <label htmlFor="st-volume-limit">Keep a removed volume’s data up to (MiB, 0: never)</label>
          <input
            id="st-volume-limit"
            type="number"
            min={0}
            value={volumeMib}
            aria-invalid={volumeError ? true : undefined}
            aria-describedby={volumeError ? 'st-volume-limit-error' : undefined}
            onChange={(e) => setVolumeMib(e.target.value)}
          />
          <button type="submit" className="btn">
            Save
          </button>
          {volumeError ? (
            <span className="st-field-error" id="st-volume-limit-error" role="alert">
              {volumeError}
            </span>
          ) : null}
        </form>
        <MaxEntriesField value={s.recycleBin.maxEntries} listing={bin.listing} onSave={(n) => void save({ recycleBin: { maxEntries: n } }, 'Entry limit', 'recycleBin')} />
        <p className="st-hint">Beyond the limit, each removal drops the oldest entry for good; a lower limit drops the oldest at once, after asking.</p>
      </Section>

      <Section title="Logs" savedAt={savedAt('logs')}>
        <form
          className="st-field"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            // Read here, not by the browser: its own bubble vanished and left the last error standing.
            const parsed = parseLogLines(logLines);
            if ('error' in parsed) return setLogLinesError(parsed.error);
            setLogLinesError(undefined);
            void save({ logBufferLines: parsed.lines }, 'Log buffer size', 'logs');
          }}
        >
          <label htmlFor="st-log-lines">Lines a log view keeps in memory</label>
          <input
            id="st-log-lines"
            type="number"
            min={MIN_LOG_BUFFER_LINES}
            max={MAX_LOG_BUFFER_LINES}
            step={1}
            value={logLines}
            aria-invalid={logLinesError ? true : undefined}
            aria-describedby={logLinesError ? 'st-log-lines-error' : undefined}
            onChange={(e) => setLogLines(e.target.value)}
          />
          <button type="submit" className="btn">
            Save
          </button>
          {logLinesError ? (
            <span className="st-field-error" id="st-log-lines-error" role="alert">
              {logLinesError}
            </span>
          ) : null}
        </form>
        <p className="st-hint">Applies to log views opened from now on ({MIN_LOG_BUFFER_LINES.toLocaleString()} to {MAX_LOG_BUFFER_LINES.toLocaleString()}).</p>
      </Section>

      <Section title="Start at login" desktopOnly={browser} savedAt={savedAt('startAtLogin')}>
        <label className="st-choice">
          <input type="checkbox" checked={s.startAtLogin} disabled={browser} onChange={(e) => void save({ startAtLogin: e.target.checked }, 'Start at login', 'startAtLogin')} />
          Open Berth when I log in
        </label>
        {browser ? <p className="st-hint">Browser mode has no login item: this applies to the desktop app.</p> : null}
      </Section>

      <Section title="Diagnostics">
        <DiagnosticsButton />
      </Section>

      <p className="st-hint">
        Saved in <code>{view.file}</code>.
      </p>
    </div>
  );
}
