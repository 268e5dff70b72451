import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';

// Unit and component tests. Kept apart from vite.config.ts so the crx() plugin never
// runs under test. Tests sit next to the module they pin (src/**/x.test.ts); build
// and manifest checks live in test/build. Component tests opt into a DOM with a
// `// @vitest-environment happy-dom` docblock; everything else runs in plain Node,
// which is also how src/core proves it needs no browser.
export default defineConfig({
  plugins: [preact()],
  // The bench's stage marks (vite.config.ts) are off under test.
  define: { __LG_MARKS__: 'false' },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test/build/**/*.test.ts', 'test/fixtures/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    restoreMocks: true,
    // The reader's adapters are installed by each content-script bundle for its own venue; tests read every venue's pages.
    setupFiles: ['test/helpers/install-adapters.ts'],
    // A few tests start the CLI (tsx) in a child process; on two cores shared with a browser run
    // that alone can take over 5 s, vitest's default. A hang still fails, after 30 s.
    testTimeout: 30_000,
  },
});
