import { describe, expect, it } from 'vitest';
import { floorMs } from './bench-bulk';

const budget = { perSecond: 10, perMinute: 600 };

describe("the bulk bench's floor", () => {
  it('is one job plus its poll when the budget is not in the way', () => {
    expect(floorMs({ jobs: 1, jobSize: 100, jobSpeed: 25, pendingMs: 300, ...budget })).toBe(4300);
  });

  it('counts the starts the budget spreads over time: 20 jobs start in two seconds-windows', () => {
    const floor = floorMs({ jobs: 20, jobSize: 100, jobSpeed: 25, pendingMs: 300, ...budget });
    expect(floor).toBeGreaterThan(5300);
    expect(floor).toBeLessThan(5301);
  });

  it('is bound by the requests alone when jobs are instant', () => {
    // 30 starts and 30 polls at 10 a second: the last of 60 grants comes after 5 full windows.
    const floor = floorMs({ jobs: 30, jobSize: 1, jobSpeed: 1e9, pendingMs: 0, ...budget });
    expect(floor).toBeGreaterThan(5000);
    expect(floor).toBeLessThan(5001);
  });
});
