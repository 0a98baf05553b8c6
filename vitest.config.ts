// Three layers (DESIGN §7): unit (services in Node), renderer (built UI in Chromium through the
// Chromium host), e2e (Electron smoke; skipped with a reason where no Electron binary exists).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // A test that checks nothing fails.
    expect: { requireAssertions: true },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'renderer',
          include: ['test/renderer/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // expect.poll gives up after 1 s by default: too soon for a correct screen while other
          // test files share the 2 cores. A wrong screen still fails, only later.
          expect: { poll: { timeout: 10_000 } },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
