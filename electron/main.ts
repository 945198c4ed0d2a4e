import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app } from 'electron';
import { createBackend } from '../engine/backend.js';
import { runDesktopApp } from './desktop-app.js';
import { readLaunchOptions } from './launch-options.js';

// The desktop composition root (bundled to dist/electron/main.js).
runDesktopApp({
  launch: readLaunchOptions(process.argv.slice(1)),
  createBackend,
  distDir: dirname(fileURLToPath(import.meta.url)),
  log: (line) => process.stderr.write(`berth: ${line}\n`),
});

// A terminal's Ctrl+C or a service manager's SIGTERM quits like the menu does (the engine is stopped first).
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
