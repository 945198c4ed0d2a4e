import { useApi, useAppStore } from '../../app/runtime-context.js';
import { AlertIcon } from '../../ui/icons.js';

/**
 * Above every page but Settings (which shows the same notice) while the settings file had a problem:
 * Berth started with the defaults, which a user who never opens Settings would otherwise not learn.
 * Dismissing it forgets the problem for every window, as the Settings page's Dismiss does.
 */
export function SettingsProblemBanner({ onSettingsPage }: { onSettingsPage: boolean }) {
  const api = useApi();
  const problem = useAppStore((s) => s.settingsView?.problem);
  if (!problem || onSettingsPage) return null;
  return (
    <div className="banner banner--error" role="alert" aria-labelledby="settings-problem-title">
      <AlertIcon className="banner__icon" />
      <div className="banner__body">
        <p className="banner__title" id="settings-problem-title">
          Berth’s settings file had a problem
        </p>
        <p className="banner__message">{problem.message}</p>
        <p className="banner__hint">
          <a href="#/settings">Open Settings</a>{' '}
          <button type="button" className="btn btn--small" onClick={() => void api.settings.dismissProblem({}).catch(() => undefined)}>
            Dismiss
          </button>
        </p>
      </div>
    </div>
  );
}
