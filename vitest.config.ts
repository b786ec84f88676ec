import { defineConfig } from 'vitest/config';

const shared = {
  env: { POWERTOOLS_LOG_LEVEL: 'SILENT', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  // Long enough for the heaviest tests while the other worker runs beside them on two cores; a hang still ends.
  testTimeout: 60_000,
  hookTimeout: 120_000,
};

export default defineConfig({
  test: {
    // Two cores: more workers only queue on the one emulator.
    maxWorkers: 2,
    projects: [
      {
        test: {
          ...shared,
          name: 'app',
          globalSetup: ['tests/setup/dynamodb-local.ts'],
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/smoke/**'],
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
    ],
  },
});
