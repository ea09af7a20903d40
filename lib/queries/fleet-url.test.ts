import { describe, expect, it } from 'vitest';
import { accountFiltersSchema, accountRowsQuerySchema } from '@/lib/schemas/api-accounts';
import { accountsTableHref, fleetSearch } from './fleet-url';

// The one serializer of the fleet filters against the server's schema: what the browser writes into
// a URL or an API query string, the API reads back as the same filters.

const readBack = (search: string) =>
  accountRowsQuerySchema.parse(Object.fromEntries(new URLSearchParams(search)));

describe('the fleet filters in a URL', () => {
  it('round-trips every filter, the sort and the window through the server schema', () => {
    const values = {
      scope: 'all' as const,
      ws: ['ws-a', 'ws b'],
      q: 'acme & co+x',
      status: [-1, 2],
      warmup: [-2],
      provider: [1, 2],
      tag: ['tag-1', 'none'],
      domain: ['bright.example', 'zen.example'],
      cause: ['daily-sending-limit', 'none'],
      error: 'yes' as const,
      sort: 'warmupScore' as const,
      order: 'desc' as const,
      offset: 200,
      limit: 100,
    };
    expect(readBack(fleetSearch(values))).toEqual(values);
  });

  it('leaves defaults and empty values out, which the server reads as its own defaults', () => {
    const search = fleetSearch({ scope: 'active', q: '', status: [], sort: 'email', order: 'asc' });
    expect(search).toBe('');
    expect(readBack(search)).toEqual({ scope: 'active', sort: 'email', order: 'asc', offset: 0, limit: 100 });
    expect(accountFiltersSchema.parse(Object.fromEntries(new URLSearchParams(search)))).toEqual({
      scope: 'active',
    });
  });

  it('links the table with the same names', () => {
    expect(accountsTableHref({ scope: 'all', cause: ['daily-sending-limit'] })).toBe(
      '/accounts?scope=all&cause=daily-sending-limit',
    );
    expect(accountsTableHref({ scope: 'active', warmup: [-1], cause: undefined })).toBe(
      '/accounts?warmup=-1',
    );
    expect(accountsTableHref({ status: [1], sort: 'warmupScore', order: 'asc' })).toBe(
      '/accounts?status=1&sort=warmupScore',
    );
    expect(accountsTableHref({ scope: 'active' })).toBe('/accounts');
  });
});
