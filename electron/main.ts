import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app } from 'electron';
import { createBerthLog } from '../engine/diagnostics/log-file.js';
import { runDesktopApp } from './desktop-app.js';
import { readLaunchOptions, type LaunchOptions } from './launch-options.js';

// The desktop composition root (bundled to dist/electron/main.js). The engine back end runs in its own
// utility process (dist/electron/backend.js, from backend-entry.ts).
let launch: LaunchOptions;
try {
  launch = readLaunchOptions(process.argv.slice(1));
} catch (err) {
  // A bad or contradictory flag (e.g. --engine vm with --docker-host): say which, and start nothing.
  process.stderr.write(`berth: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
}
runDesktopApp({
  launch,
  distDir: dirname(fileURLToPath(import.meta.url)),
  // Loaded on first use (packaged builds): electron-updater requires electron at load.
  updater: () => import('electron-updater').then((m) => m.default.autoUpdater),
  // Every line (the back end's too) goes to <dataDir>/logs/berth.log (rotated), for the diagnostics bundle.
  log: createBerthLog(launch.dataDir, (line) => process.stderr.write(`berth: ${line}\n`)).log,
});

// A terminal's Ctrl+C or a service manager's SIGTERM quits like the menu does (the engine is stopped first).
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
