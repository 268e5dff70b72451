import { defineConfig } from 'vitest/config';

// Real-browser tests. One file at a time: each launches its own browser, and two cores
// are not enough to run browsers side by side without skewing the timings they print.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    globalSetup: ['test/e2e/harness/global-setup.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    retry: 0,
  },
});
