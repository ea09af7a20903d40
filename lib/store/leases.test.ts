import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from './db';
import { acquireLease, leaseHolder, releaseLease, renewLease } from './leases';
import { testDb } from './test-db';

const open: Db[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.destroy();
});
async function db() {
  const made = await testDb();
  open.push(made);
  return made;
}

describe('leases', () => {
  it('go to one holder at a time, and to another once the holder stops renewing', async () => {
    const store = await db();
    expect(await acquireLease(store, 'sync:w1', 'a', 1000, 10_000)).toBe(true);
    expect(await acquireLease(store, 'sync:w1', 'b', 1000, 10_500)).toBe(false);
    expect(await leaseHolder(store, 'sync:w1', 10_500)).toEqual({
      name: 'sync:w1',
      owner: 'a',
      expiresAt: 11_000,
    });
    expect(await renewLease(store, 'sync:w1', 'a', 1000, 10_900)).toBe(true);
    expect(await acquireLease(store, 'sync:w1', 'b', 1000, 11_500)).toBe(false);
    // a stops (killed): after its last renewal runs out, b takes over, and a's renewal now fails.
    expect(await acquireLease(store, 'sync:w1', 'b', 1000, 11_900)).toBe(true);
    expect(await renewLease(store, 'sync:w1', 'a', 1000, 11_950)).toBe(false);
    expect((await leaseHolder(store, 'sync:w1', 11_950))?.owner).toBe('b');
  });

  it('are re-entrant for their holder, independent by name, and free at once when released', async () => {
    const store = await db();
    expect(await acquireLease(store, 'bulk:x', 'a', 1000, 0)).toBe(true);
    expect(await acquireLease(store, 'bulk:x', 'a', 1000, 500)).toBe(true);
    expect(await acquireLease(store, 'bulk:y', 'b', 1000, 500)).toBe(true);
    await releaseLease(store, 'bulk:x', 'b');
    expect((await leaseHolder(store, 'bulk:x', 600))?.owner).toBe('a');
    await releaseLease(store, 'bulk:x', 'a');
    expect(await leaseHolder(store, 'bulk:x', 600)).toBeNull();
    expect(await acquireLease(store, 'bulk:x', 'b', 1000, 700)).toBe(true);
  });

  it('have exactly one winner when many contenders race for a free one', async () => {
    const store = await db();
    const wins = await Promise.all(
      Array.from({ length: 12 }, (_, i) => acquireLease(store, 'sync:race', `p${i}`, 5000, 1000)),
    );
    expect(wins.filter(Boolean)).toHaveLength(1);
  });
});
