import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      '@/': root,
      // `server-only` throws outside the react-server condition; unit tests run server code directly.
      'server-only': fileURLToPath(new URL('./node_modules/server-only/empty.js', import.meta.url)),
    },
  },
  test: {
    // Server and pure code in Node; components and hooks (`*.test.tsx`) in jsdom with Testing Library.
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['lib/**/*.test.ts', 'components/**/*.test.ts', 'app/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: { name: 'dom', include: ['components/**/*.test.tsx'], environment: 'jsdom' },
      },
    ],
    pool: 'forks',
    maxWorkers: 2,
    // The PostgreSQL run (TEST_DATABASE_URL, lib/cli/with-postgres.ts) keeps its own report beside the
    // SQLite one; .ci/summarize.mjs adds both.
    reporters: [
      'default',
      [
        'json',
        {
          outputFile: process.env.TEST_DATABASE_URL
            ? 'test-results/vitest-postgres.json'
            : 'test-results/vitest.json',
        },
      ],
    ],
    testTimeout: 20_000,
  },
});
