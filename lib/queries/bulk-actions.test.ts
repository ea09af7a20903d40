import { describe, expect, it } from 'vitest';
import { createBulkActionSchema } from '@/lib/schemas/api-bulk-actions';
import { FINISHED_DETAIL_POLL_MS, bulkActionQueries, pollInterval } from './bulk-actions';

const now = Date.parse('2026-08-21T12:00:00.000Z');
const at = (secondsAgo: number) => new Date(now - secondsAgo * 1000).toISOString();

describe('polling bulk actions', () => {
  it('every second at first, backing off to two seconds, and not at all once nothing runs', () => {
    expect(pollInterval([{ status: 'running', createdAt: at(2) }], now)).toBe(1000);
    expect(pollInterval([{ status: 'running', createdAt: at(30) }], now)).toBe(1500);
    expect(pollInterval([{ status: 'running', createdAt: at(600) }], now)).toBe(2000);
    // The youngest running action sets the pace.
    expect(
      pollInterval(
        [
          { status: 'running', createdAt: at(600) },
          { status: 'running', createdAt: at(1) },
        ],
        now,
      ),
    ).toBe(1000);
    expect(
      pollInterval(
        [
          { status: 'done', createdAt: at(1) },
          { status: 'partial', createdAt: at(1) },
        ],
        now,
      ),
    ).toBe(false);
    expect(pollInterval([], now)).toBe(false);
  });
});

describe('polling one action’s page', () => {
  const intervalFor = (status: 'running' | 'done' | null) => {
    const interval = bulkActionQueries.detail('ba_1').refetchInterval;
    if (typeof interval !== 'function') throw new Error('the detail decides its interval per answer');
    const data = status ? { action: { status, createdAt: new Date().toISOString() } } : undefined;
    return interval({ state: { data } } as unknown as Parameters<typeof interval>[0]);
  };

  it('follows a running action closely, and a finished one now and then for later changes', () => {
    expect(intervalFor('running')).toBe(1000);
    expect(intervalFor('done')).toBe(FINISHED_DETAIL_POLL_MS);
    expect(intervalFor(null)).toBe(false);
    expect(bulkActionQueries.detail('ba_1').refetchOnWindowFocus).toBe(true);
  });
});

describe('the target on the wire', () => {
  it('carries the filters as arrays in JSON, and the server reads them as they were', () => {
    const target = {
      type: 'filter' as const,
      filters: { scope: 'all' as const, status: [-1, -2], tag: ['t1'], q: 'acme', warmup: [] },
      excluded: [{ workspaceId: 'demo', email: 'a@x.io' }],
    };
    const sent = JSON.parse(JSON.stringify({ kind: 'pause', target })) as unknown;
    expect(createBulkActionSchema.parse(sent).target).toEqual(target);
  });

  it('refuses a comma list where the body wants an array', () => {
    const sent = { kind: 'pause', target: { type: 'filter', filters: { scope: 'all', status: '-1,-2' } } };
    expect(createBulkActionSchema.safeParse(sent).success).toBe(false);
  });
});
