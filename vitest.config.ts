import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['kit/src/**/*.test.ts', 'action-*/src/**/*.test.ts', 'action-*/test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/fixtures/**', '**/dist/**'],
    globalSetup: ['action-gates/test/global-setup.ts', 'action-smoke/test/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Bundle tests start real tools in child processes; two at a time fits a 2-core machine.
    maxWorkers: 2,
    coverage: {
      include: ['kit/src/**/*.ts', 'action-*/src/**/*.ts'],
      exclude: ['**/*.test.ts', '**/src/index.ts'],
    },
  },
});
