import { defineConfig } from 'vitest/config';

// One runner for every suite. `scripts/test.ts` runs all projects and prints the closing
// "N passed, N failed" line; `npm run test:<project>` runs one.
export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'electron/**/*.test.ts',
            'server/**/*.test.ts',
            'scripts/**/*.test.ts',
            'renderer/src/**/*.test.{ts,tsx}',
          ],
          environment: 'node',
          // Both cores (vitest's default leaves one free, which halves this project on CI).
          maxWorkers: 2,
          // Generous: PGlite and sql.js start in seconds when the 2-core CI box is busy with
          // parallel files; a slow start is not a failure. Speed is measured by benchmarks.
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'system',
          include: ['test/system/**/*.test.ts'],
          environment: 'node',
          // Real daemons (pcscd, cupsd, postgres) own fixed resources: one file at a time.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          // Two files at a time: each starts its own kiosk, browser, central service and CUPS
          // on private ports and directories, and most of their time is spent waiting (idle
          // countdowns, print jobs, the fault proxy), so two overlap well on two cores.
          maxWorkers: 2,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
