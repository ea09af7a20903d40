import { describe, expect, it } from 'vitest';
import { markSyncDone, markSyncFailed, markSyncStarted, readSyncRow, recordSyncProgress } from './sync-state';
import { testDb } from './test-db';

describe('workspace_sync rows', () => {
  it('records a sync from start to done, and a failure with its backoff', async () => {
    const db = await testDb();
    expect(await readSyncRow(db, 'w')).toBeUndefined();
    await markSyncStarted(db, 'w', '2026-01-01T00:00:00.000Z', 1_000);
    await recordSyncProgress(db, 'w', 2, 200);
    expect(await readSyncRow(db, 'w')).toMatchObject({
      state: 'running',
      pages: 2,
      accounts_seen: 200,
      failures: 0,
      last_started_at: 1_000,
    });
    await markSyncDone(db, 'w', '2026-01-01T00:00:09.000Z', 3, 250);
    expect(await readSyncRow(db, 'w')).toMatchObject({
      state: 'done',
      synced_at: '2026-01-01T00:00:09.000Z',
      pages: 3,
      accounts_seen: 250,
    });

    // A failure keeps the last good sync time; the next start resets the counters, not the failures.
    await markSyncStarted(db, 'w', '2026-01-01T00:01:00.000Z', 60_000);
    await markSyncFailed(db, 'w', {
      finishedAt: '2026-01-01T00:01:01.000Z',
      error: 'Instantly had an error.',
      problemJson: '{"type":"upstream-server"}',
      failures: 1,
      // An epoch-ms time past 32 bits: the column must be a bigint on PostgreSQL.
      retryAt: 1_798_761_675_000,
    });
    await markSyncStarted(db, 'w', '2026-01-01T00:02:00.000Z', 120_000);
    expect(await readSyncRow(db, 'w')).toMatchObject({
      state: 'running',
      pages: 0,
      error: null,
      synced_at: '2026-01-01T00:00:09.000Z',
      failures: 1,
      retry_at: 1_798_761_675_000,
      last_started_at: 120_000,
    });
    // Success ends the backoff.
    await markSyncDone(db, 'w', '2026-01-01T00:02:05.000Z', 3, 250);
    expect(await readSyncRow(db, 'w')).toMatchObject({ failures: 0, retry_at: null });
  });
});
