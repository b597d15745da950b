import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['tests/e2e/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // One Chromium at a time: the machine has two cores and IndexedDB is per origin.
    fileParallelism: false,
    maxWorkers: 1,
    // A page under load can take seconds to settle; expect.poll's own default is one second.
    expect: { poll: { timeout: 10_000 } },
  },
});
