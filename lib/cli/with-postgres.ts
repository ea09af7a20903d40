// `tsx lib/cli/with-postgres.ts <command…>`: runs the command with TEST_DATABASE_URL pointing at a
// throw-away PostgreSQL cluster, then removes the cluster. The unit suite runs once on SQLite and once
// this way (npm run test:unit). A TEST_DATABASE_URL already set is used as it is.
import { spawnSync } from 'node:child_process';
import { startThrowawayPostgres } from './throwaway-postgres';

const [command, ...args] = process.argv.slice(2);

async function main(): Promise<number> {
  if (!command) {
    console.error('usage: tsx lib/cli/with-postgres.ts <command> [args…]');
    return 2;
  }
  const given = process.env.TEST_DATABASE_URL;
  const cluster = given ? null : await startThrowawayPostgres();
  const url = cluster?.url ?? given ?? '';
  console.log(`== PostgreSQL at ${url.replace(/\/\/[^@]*@/, '//')}`);
  let status = 1;
  try {
    const result = spawnSync(command, args, {
      stdio: 'inherit',
      env: { ...process.env, TEST_DATABASE_URL: url },
    });
    status = result.status ?? 1;
  } finally {
    cluster?.stop();
  }
  return status;
}

main().then(
  (status) => process.exit(status),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
