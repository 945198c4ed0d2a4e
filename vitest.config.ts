import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const fakeElectron = fileURLToPath(new URL('./electron/testing/fake-electron.ts', import.meta.url));

// Three suites, one runner: unit tests sit beside their source (*.test.ts), integration tests talk to
// a real dockerd (*.int.test.ts), end-to-end tests drive Debian Chromium against browser mode (e2e/).
export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias: { electron: fakeElectron } },
        test: {
          name: 'unit',
          include: ['{contract,engine,server,electron,renderer,vm,bench,scripts}/**/*.test.{ts,tsx}'],
          exclude: ['**/*.int.test.ts', '**/*.vm.test.ts', '**/node_modules/**', 'dist/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['**/*.int.test.ts'],
          exclude: ['**/node_modules/**', 'dist/**'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        // The real VM (vm/**/*.vm.test.ts): one boot under TCG can take minutes on a loaded machine.
        test: {
          name: 'vm',
          include: ['vm/**/*.vm.test.ts'],
          exclude: ['**/node_modules/**', 'dist/**'],
          testTimeout: 600_000,
          hookTimeout: 1_200_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.spec.ts'],
          testTimeout: 180_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
