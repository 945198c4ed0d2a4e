import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Layering is enforced here (see README "Layout"):
// - renderer/ imports no node, electron, engine/ or vm/;
// - contract/ imports nothing but zod (and itself);
// - Docker/dockerode types never leave engine/.
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'net', 'http', 'https', 'crypto', 'stream', 'url', 'util', 'events', 'tls', 'zlib', 'worker_threads'];
const nodeBuiltinPatterns = nodeBuiltins.flatMap((n) => [n, `${n}/*`]);

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'coverage/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltinPatterns, message: 'renderer/ runs in a browser: no node modules.' },
            { group: ['electron', 'electron/*'], message: 'renderer/ must not import electron; use src/api.' },
            { group: ['**/engine/**', '**/engine', '**/vm/**', '**/vm', '**/server/**', '**/electron/**'], message: 'renderer/ talks to the back end only through contract/ via src/api.' },
            { group: ['dockerode', 'docker-modem', 'ws'], message: 'renderer/ must not use back-end libraries.' },
          ],
        },
      ],
    },
  },
  {
    files: ['contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(?!zod$|vitest$|\\.{1,2}/).*', message: 'contract/ imports nothing but zod.' }] },
      ],
    },
  },
  {
    files: ['{server,electron,vm,bench,e2e}/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/*.int.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'dockerode', message: 'Docker/dockerode types never leave engine/.' }],
          patterns: [{ group: ['docker-modem', '@types/dockerode'], message: 'Docker/dockerode types never leave engine/.' }],
        },
      ],
    },
  },
);
