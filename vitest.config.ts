import { defineConfig } from 'vitest/config';

export default defineConfig({
  // graphql 16 ships ESM (.mjs) beside CJS; Vite would pick the first for our files while Node gives
  // dependencies the second, and two copies break `instanceof` checks and schema realm checks.
  resolve: { alias: { graphql: 'graphql/index.js' } },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Tests start real servers and worker threads; two cores are shared with them.
    maxWorkers: 2,
  },
});
