import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { berthKinds } from '../contract/kinds.js';

// No node: imports here (lint keeps renderer/ free of them); import.meta.dirname is this folder.
const here = import.meta.dirname;

/**
 * src/api/early-socket.ts is an entry of its own, a few hundred bytes that import nothing: its
 * <script> goes ahead of the main chunk's, so it runs while the main chunk is still being fetched and
 * parsed, and the container list is asked for at once (bench/first-row.ts).
 */
const EARLY_ENTRY = 'early-socket';
function earlySocketScript(): Plugin {
  return {
    name: 'berth-early-socket-script',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const chunk = Object.values(ctx.bundle ?? {}).find((c) => c.type === 'chunk' && c.isEntry && c.name === EARLY_ENTRY);
        if (!chunk || chunk.type !== 'chunk') throw new Error(`the ${EARLY_ENTRY} entry is missing from the build`);
        if (chunk.imports.length > 0) throw new Error(`${EARLY_ENTRY} must import nothing, but the bundle gave it ${chunk.imports.join(', ')}`);
        return [{ tag: 'script', attrs: { type: 'module', async: true, crossorigin: true, src: `./${chunk.fileName}` }, injectTo: 'head-prepend' }];
      },
    },
  };
}

/**
 * contract/kinds.ts, as the window gets it: its value (the contract's names and kinds, computed here
 * by that same module) instead of its code, which would import the whole contract and build its zod
 * schemas at startup. The client needs nothing else (src/api/index.ts); the back end validates with
 * the full contract.
 */
function inlineContractKinds(): Plugin {
  return {
    name: 'berth-inline-contract-kinds',
    enforce: 'pre',
    load(id) {
      if (id.replace(/\\/g, '/').endsWith('/contract/kinds.ts')) return `export const berthKinds = ${JSON.stringify(berthKinds)};\n`;
    },
    // Kept so: a module of the first chunk that imports a schema (contract/index.js, a domain file)
    // would bring zod back into it, and building schemas costs the first row ~20–70 ms.
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || !chunk.isEntry || chunk.name !== 'index') continue;
        const zod = Object.keys(chunk.modules).find((m) => m.replace(/\\/g, '/').includes('/node_modules/zod/'));
        if (zod) this.error(`zod is in the first chunk (${chunk.fileName}): a module on the way to the first row imports a schema; import it from a page loaded on demand, or check without zod`);
      }
    },
  };
}

// The renderer is served under a strict CSP (default-src 'none'; script-src 'self'; style-src 'self'…):
// the build must emit only external scripts and stylesheets, no inline code and no data: fonts.
export default defineConfig({
  root: here,
  base: './',
  plugins: [react(), inlineContractKinds(), earlySocketScript()],
  build: {
    // BERTH_OUT_DIR builds elsewhere than dist/ (see scripts/build-node.mjs).
    outDir: process.env.BERTH_OUT_DIR ? `${process.env.BERTH_OUT_DIR}/renderer` : `${here}/../dist/renderer`,
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    rolldownOptions: {
      input: { index: `${here}/index.html`, [EARLY_ENTRY]: `${here}/src/api/early-socket.ts` },
      output: {
        codeSplitting: {
          // Everything the first window runs comes as one file beside the entry, not as a dozen small
          // shared chunks: a fresh window fetches them all before it runs any, over 6 connections.
          // The early socket's entry stays out of it: it must run before the main chunk has arrived.
          groups: [{ name: 'app', tags: ['$initial'], test: (id) => !id.endsWith(`/${EARLY_ENTRY}.ts`) }],
        },
      },
    },
  },
});
