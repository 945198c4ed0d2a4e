import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Layering is enforced here (see README "Layout"):
// - renderer/ imports no node, electron, engine/ or vm/;
// - contract/ imports nothing but zod (and itself);
// - only engine/adapter/ talks HTTP to the engine: dockerode and docker-modem are imported, and
//   `.modem` is touched, nowhere else (services use the EngineAdapter interface).
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'net', 'http', 'https', 'crypto', 'stream', 'url', 'util', 'events', 'tls', 'zlib', 'worker_threads'];
const nodeBuiltinPatterns = nodeBuiltins.flatMap((n) => [n, `${n}/*`]);
const engineClientLibraries = ['dockerode', 'dockerode/*', 'docker-modem', 'docker-modem/*', '@types/dockerode', '@types/docker-modem'];
const adapterOnly = 'Only engine/adapter/ talks HTTP to the engine: use the EngineAdapter (conn.engine) and engine/adapter/calls.ts.';

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
    // Listed before the renderer and contract blocks: theirs (stricter) replace this one there.
    files: ['**/*.{ts,tsx,js,mjs}'],
    ignores: ['engine/adapter/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: engineClientLibraries, message: adapterOnly }] }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ImportExpression[source.value=/^(dockerode|docker-modem)(\\/|$)/]', message: adapterOnly },
        { selector: "MemberExpression[property.name='modem']", message: adapterOnly },
      ],
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
);
