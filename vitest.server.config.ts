import { defineConfig } from 'vitest/config';

/**
 * The team server's tests (npm run test:server), each run against the
 * embedded PGlite and against a real PostgreSQL (PG_TEST_URL, by default the
 * local server through its unix socket); each test makes and drops its own
 * database.
 */
export default defineConfig({
  test: {
    include: ['tests/server/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // Two cores: one file at a time keeps PostgreSQL and argon2 from starving each other.
    fileParallelism: false,
  },
});
