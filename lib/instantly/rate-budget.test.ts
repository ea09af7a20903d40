import { describe, expect, it } from 'vitest';
import { BudgetDeadlineError, RateBudget } from './rate-budget';

/** A budget on a fake clock: sleeping advances time instantly. */
function fakeBudget(perSecond: number, perMinute: number) {
  let now = 1_000_000;
  const budget = new RateBudget({
    perSecond,
    perMinute,
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
  });
  return { budget, now: () => now };
}

describe('RateBudget', () => {
  it('never grants more than perSecond in any one-second window', async () => {
    const { budget, now } = fakeBudget(10, 600);
    const grants: number[] = [];
    for (let i = 0; i < 35; i += 1) {
      await budget.acquire();
      grants.push(now());
    }
    for (const t of grants)
      expect(grants.filter((g) => g >= t && g < t + 1000).length).toBeLessThanOrEqual(10);
    // 35 grants at 10/s need at least 3 full seconds.
    expect(grants.at(-1)! - grants[0]!).toBeGreaterThanOrEqual(3000);
  });

  it('never grants more than perMinute in any one-minute window', async () => {
    const { budget, now } = fakeBudget(100, 120);
    const grants: number[] = [];
    for (let i = 0; i < 250; i += 1) {
      await budget.acquire();
      grants.push(now());
    }
    for (const t of grants)
      expect(grants.filter((g) => g >= t && g < t + 60_000).length).toBeLessThanOrEqual(120);
  });

  it('serves concurrent callers in order', async () => {
    const { budget } = fakeBudget(2, 100);
    const order: number[] = [];
    await Promise.all([1, 2, 3, 4, 5].map((n) => budget.acquire().then(() => order.push(n))));
    expect(order).toEqual([1, 2, 3, 4, 5]);
  });

  it('holds everyone back after pauseFor', async () => {
    const { budget, now } = fakeBudget(10, 600);
    const start = now();
    await budget.pauseFor(5000);
    await budget.acquire();
    expect(now() - start).toBeGreaterThanOrEqual(5000);
  });

  it('refuses at once, without waiting, a slot that would come after the deadline', async () => {
    const { budget, now } = fakeBudget(10, 600);
    const start = now();
    await budget.pauseFor(5000);
    const refused = await budget.acquire(undefined, start + 4000).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BudgetDeadlineError);
    expect(refused).toMatchObject({ waitMs: 5000, paused: true });
    expect(now()).toBe(start);
    // The same wait fits a later deadline; a refused caller does not block the next one.
    await budget.acquire(undefined, start + 6000);
    expect(now() - start).toBe(5000);
  });

  it('a full per-second window is a wait past a tight deadline, not a pause', async () => {
    const { budget, now } = fakeBudget(2, 600);
    await budget.acquire();
    await budget.acquire();
    const refused = await budget.acquire(undefined, now() + 100).catch((e: unknown) => e);
    expect(refused).toMatchObject({ paused: false, waitMs: 1000 });
  });

  it('a deadline is kept while waiting in line behind background work sleeping through a pause', async () => {
    const budget = new RateBudget({ perSecond: 10, perMinute: 600 });
    await budget.pauseFor(400);
    const background = budget.acquire(); // no deadline: it waits the pause out at the front
    const started = Date.now();
    const person = await budget.acquire(undefined, started + 100).catch((e: unknown) => e);
    expect(person).toBeInstanceOf(BudgetDeadlineError);
    expect(Date.now() - started).toBeLessThan(300);
    await background;
    // The caller who left took no slot.
    expect(budget.usage().lastSecond).toBe(1);
  });

  it('lets a waiting caller give up without blocking the ones behind it', async () => {
    const budget = new RateBudget({ perSecond: 1, perMinute: 100 });
    await budget.acquire();
    const controller = new AbortController();
    const giveUp = budget.acquire(controller.signal);
    controller.abort(new Error('gone'));
    await expect(giveUp).rejects.toThrow('gone');
    const started = Date.now();
    await budget.acquire();
    expect(Date.now() - started).toBeLessThan(1500);
  });
});
