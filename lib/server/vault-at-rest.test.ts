import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { binDir } from '@/lib/cli/throwaway-postgres';
import { openDb } from '@/lib/store/db';
import { sharedTestTarget } from '@/lib/store/test-db';
import { resetProcessSingleton } from './singleton';
import { addVaultWorkspace, listVaultWorkspaces } from './vault';
import { testPerson } from './workspace-test-helpers';

// The key at rest: what a backup of the database holds. On SQLite, the raw database file and its
// write-ahead log; on PostgreSQL, a pg_dump of the schema. A canary key must appear 0 times.

const CANARY = 'canary_7c1d9e04b2a64f3fa8e5d210c6b97e43';
const count = (haystack: Buffer, needle: string) => {
  let n = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) n += 1;
  return n;
};

beforeEach(() => {
  process.env.DASHBOARD_SECRET = 'at-rest-test-secret-0123456789abcdef0123';
  resetProcessSingleton('config');
  resetProcessSingleton('sealing-keys');
});

const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const step of cleanup.splice(0)) step();
});

describe('a key stored in the vault', () => {
  it('is found 0 times in what a backup of the database holds', async () => {
    const target = sharedTestTarget();
    const db = await openDb(target);
    await addVaultWorkspace(
      db,
      { id: 'ws_canary', name: 'Canary Co', label: 'Canary', apiKey: CANARY },
      testPerson('owner'),
    );
    // It is there, and opens: the search below looks at a database that holds it.
    expect((await listVaultWorkspaces(db)).map((w) => w.apiKey)).toEqual([CANARY]);

    let dump: Buffer;
    if ('sqlitePath' in target) {
      cleanup.push(() => rmSync(dirname(target.sqlitePath), { recursive: true, force: true }));
      // While open, the write may sit in the WAL; after closing, it is checkpointed into the file.
      const files = [target.sqlitePath, `${target.sqlitePath}-wal`].filter((f) => existsSync(f));
      dump = Buffer.concat(files.map((f) => readFileSync(f)));
      await db.destroy();
      dump = Buffer.concat([dump, readFileSync(target.sqlitePath)]);
      expect(dump.includes('ws_canary'), 'the row is in the files searched').toBe(true);
    } else {
      await db.destroy();
      dump = execFileSync(
        join(binDir(), 'pg_dump'),
        ['--dbname', target.postgresUrl, '--schema', target.schema ?? 'public', '--data-only'],
        { maxBuffer: 64 * 1024 * 1024 },
      );
      expect(dump.includes('ws_canary'), 'the row is in the dump').toBe(true);
    }
    expect(count(dump, CANARY)).toBe(0);
    expect(count(dump, CANARY.slice(0, 24))).toBe(0);
    expect(count(dump, Buffer.from(CANARY).toString('base64').slice(0, 24))).toBe(0);
  });
});
