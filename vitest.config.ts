import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // One test file per core, not cores − 1 (vitest's default): most of the time goes waiting on
    // Chromium, child processes and the disk, so on two cores two files at once finish sooner.
    maxWorkers: Math.max(2, availableParallelism()),
    globalSetup: ['test/support/demo-vault-setup.ts'],
  },
});
