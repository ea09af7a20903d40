import { describe, expect, it } from 'vitest';
import { isWarmupKind, warmupTarget } from './catalog';
import { MAX_BATCH_SIZE, batchIndexOf, dedupeKeys, explicitBatches, planWarmupBatches } from './plan';

const keys = (workspaceId: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({ workspaceId, email: `u${i}@x.com` }));

describe('planning a warmup change', () => {
  it('explicit jobs hold at most 100 accounts of one workspace, every account in exactly one', () => {
    const all = [...keys('a', 250), ...keys('b', 30)];
    const batches = explicitBatches(all);
    expect(batches.map((b) => [b.workspaceId, b.emails.length])).toEqual([
      ['a', 100],
      ['a', 100],
      ['a', 50],
      ['b', 30],
    ]);
    expect(batchIndexOf(all, batches).size).toBe(280);
  });

  it('one include_all_emails job when Instantly selects the accounts itself', () => {
    const [job] = planWarmupBatches(keys('a', 3), {
      workspaceId: 'a',
      filter: { tag_id: 't' },
      excluded: ['x@x.com'],
    });
    expect(job).toMatchObject({
      allEmails: true,
      request: { include_all_emails: true, filter: { tag_id: 't' }, excluded_emails: ['x@x.com'] },
    });
  });

  it('refuses a plan with an account in two jobs, in none, or a job over the limit', () => {
    const two = keys('a', 2);
    expect(() => batchIndexOf(two, [...explicitBatches(two), ...explicitBatches(two.slice(0, 1))])).toThrow(
      'is in two batches',
    );
    expect(() => batchIndexOf(two, explicitBatches(two.slice(0, 1)))).toThrow('is in no batch');
    const big = keys('a', MAX_BATCH_SIZE + 1);
    expect(() =>
      batchIndexOf(big, [
        { workspaceId: 'a', request: {}, emails: big.map((k) => k.email), allEmails: false },
      ]),
    ).toThrow('at most 100');
  });

  it('an account given twice (any case) counts once', () => {
    expect(
      dedupeKeys([
        { workspaceId: 'a', email: 'A@x.com' },
        { workspaceId: 'a', email: 'a@x.com' },
      ]),
    ).toHaveLength(1);
  });
});

describe('the kind catalog', () => {
  it('warmup kinds run as jobs and say which status they set; the rest do not', () => {
    expect(isWarmupKind('enable-warmup')).toBe(true);
    expect(warmupTarget('enable-warmup')).toBe(1);
    expect(warmupTarget('disable-warmup')).toBe(0);
    expect(isWarmupKind('pause')).toBe(false);
    expect(warmupTarget('set-daily-limit')).toBeNull();
  });
});
