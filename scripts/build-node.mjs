// Builds the Node side with esbuild: the browser-mode server, the Electron main process and the
// sandboxed preload. The renderer is built separately (npm run build:renderer).
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { writeTrayIcons } from './tray-icons.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const at = (p) => join(root, p);
// BERTH_OUT_DIR builds elsewhere than dist/ (parallel work trees, packaging experiments).
const out = (p) => join(process.env.BERTH_OUT_DIR ?? at('dist'), p);

// npm packages stay in node_modules (loaded at run time), except JSON files: esbuild drops the
// `with { type: 'json' }` attribute of an external import, which Node requires, so JSON is inlined.
const externalPackages = {
  name: 'external-packages-but-json',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.endsWith('.json') ? undefined : { path: args.path, external: true }));
  },
};

// The Electron main process ships on its own (app.asar holds no node_modules): every npm package is
// bundled in, except electron (the runtime's) and native addons, which ssh2 loads only optionally
// (cpu-features, its sshcrypto binding) and does without when they are missing.
const nativeStaysOut = {
  name: 'native-addons-stay-out',
  setup(b) {
    b.onResolve({ filter: /(\.node$|^cpu-features$)/ }, (args) => ({ path: args.path, external: true }));
  },
};

const common = {
  absWorkingDir: root,
  bundle: true,
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
};

// Electron's Node side (main process, back end): self-contained, electron itself provided by the runtime.
const electronNode = {
  ...common,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['electron'],
  plugins: [nativeStaysOut],
  // CommonJS packages bundled into ESM still call require() for Node's built-ins and read __dirname.
  banner: {
    js: [
      "import { createRequire as __berthRequire } from 'node:module';",
      "import { dirname as __berthDirname } from 'node:path';",
      "import { fileURLToPath as __berthPath } from 'node:url';",
      'const require = __berthRequire(import.meta.url);',
      'const __filename = __berthPath(import.meta.url);',
      'const __dirname = __berthDirname(__filename);',
    ].join(' '),
  },
};

await rm(out('server'), { recursive: true, force: true });
await rm(out('electron'), { recursive: true, force: true });

const started = Date.now();
await Promise.all([
  // Browser mode: our code bundled, npm packages loaded from node_modules at run time.
  build({
    ...common,
    entryPoints: [at('server/main.ts')],
    outfile: out('server/main.js'),
    platform: 'node',
    format: 'esm',
    target: 'node20',
    plugins: [externalPackages],
  }),
  // Electron main process: self-contained, with electron itself provided by the runtime.
  build({
    ...electronNode,
    entryPoints: [at('electron/main.ts')],
    outfile: out('electron/main.js'),
  }),
  // The engine back end's utility process (electron/backend-process.ts forks it): bundled the same way.
  build({
    ...electronNode,
    entryPoints: [at('electron/backend-entry.ts')],
    outfile: out('electron/backend.js'),
  }),
  writeTrayIcons(out('electron/tray')),
  // Sandboxed preload: may require only 'electron' (and a few polyfilled modules), so everything else
  // (contract, zod) is inlined, as CommonJS.
  build({
    ...common,
    entryPoints: [at('electron/preload.ts')],
    outfile: out('electron/preload.cjs'),
    platform: 'browser',
    format: 'cjs',
    target: 'chrome130',
    external: ['electron'],
    minify: true,
  }),
]);
console.log(`build:node: dist/server/main.js, dist/electron/{main,backend}.js, dist/electron/preload.cjs, dist/electron/tray/ (${Date.now() - started} ms)`);
