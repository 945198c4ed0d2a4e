import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// No node: imports here (lint keeps renderer/ free of them); import.meta.dirname is this folder.
const here = import.meta.dirname;

// The renderer is served under a strict CSP (default-src 'none'; script-src 'self'; style-src 'self'…):
// the build must emit only external scripts and stylesheets, no inline code and no data: fonts.
export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  build: {
    // BERTH_OUT_DIR builds elsewhere than dist/ (see scripts/build-node.mjs).
    outDir: process.env.BERTH_OUT_DIR ? `${process.env.BERTH_OUT_DIR}/renderer` : `${here}/../dist/renderer`,
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Everything the first window runs comes as one file beside the entry, not as a dozen small
          // shared chunks: a fresh window fetches them all before it runs any, over 6 connections.
          groups: [{ name: 'app', tags: ['$initial'] }],
        },
      },
    },
  },
});
