import { defineConfig } from 'vitest/config';

const shared = {
  env: { POWERTOOLS_LOG_LEVEL: 'SILENT', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  // Long enough for the heaviest tests while the other worker runs beside them on two cores; a hang still ends.
  testTimeout: 60_000,
  hookTimeout: 120_000,
  // Each file's own emulator (tests/setup/dynamodb-local.ts); registered first, so stopped last.
  setupFiles: ['tests/setup/stop-dynamodb-local.ts'],
};

export default defineConfig({
  test: {
    // Two cores: more workers only queue on them.
    maxWorkers: 2,
    projects: [
      {
        test: {
          ...shared,
          name: 'app',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/smoke/**', 'tests/browser/**'],
        },
      },
      // The smoke test starts whole copies of the product; it runs after the rest, alone, so
      // its start-up times measure the product and not the machine's load.
      {
        test: {
          ...shared,
          name: 'smoke',
          include: ['tests/smoke/**/*.test.ts'],
          sequence: { groupOrder: 1 },
        },
      },
      // Chromium takes both cores by itself: its files run one at a time, after everything else
      // (vitest runs a project without file parallelism last).
      {
        test: {
          ...shared,
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          globalSetup: ['tests/browser/setup/heaviest-page.ts'],
          fileParallelism: false,
        },
      },
    ],
  },
});
