import 'server-only';
import { describe, expect, it } from 'vitest';
import { call, demoSpec, OTHER_KEY, testSimulator } from './test-helpers';

// Per-workspace sliding windows: ≤ perSecond in any second AND ≤ perMinute in any minute (REFERENCE §1.3).

const TOO_MANY = { statusCode: 429, error: 'Too Many Requests', message: 'Rate limit exceeded' };

describe('rate limit', () => {
  it('allows 100 requests within a second, refuses the 101st with the envelope and no Retry-After', async () => {
    const { sim, clock } = testSimulator({
      workspaces: [demoSpec({ accounts: 5 })],
      rate: { perSecond: 100, perMinute: 6000 },
    });
    for (let i = 0; i < 100; i++) {
      expect((await call(sim, 'GET', '/workspaces/current')).status).toBe(200);
      clock.advance(5);
    }
    const refused = await call(sim, 'GET', '/workspaces/current');
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual(TOO_MANY);
    expect(refused.headers.get('retry-after')).toBeNull();
    // The window slides: one second after the first request, there is room again.
    clock.advance(500);
    expect((await call(sim, 'GET', '/workspaces/current')).status).toBe(200);
  });

  it('enforces the per-minute budget even when every second stays under its limit', async () => {
    const { sim, clock } = testSimulator({
      workspaces: [demoSpec({ accounts: 5 })],
      rate: { perSecond: 100, perMinute: 6000 },
    });
    // 6,000 requests 10 ms apart (t0 … t0+59,990): never more than 100 in any second.
    const t0 = clock.now();
    for (let i = 0; i < 6000; i++) {
      const res = await call(sim, 'GET', '/workspaces/current');
      if (res.status !== 200) throw new Error(`request ${i} refused: ${res.text}`);
      clock.advance(10);
    }
    // Still inside the minute of the very first request: the 6,001st is refused.
    clock.set(t0 + 59_995);
    const refused = await call(sim, 'GET', '/workspaces/current');
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual(TOO_MANY);
    // Once the first request leaves the window, there is room for one more.
    clock.set(t0 + 60_001);
    expect((await call(sim, 'GET', '/workspaces/current')).status).toBe(200);
    expect((await call(sim, 'GET', '/workspaces/current')).status).toBe(429);
  });

  it('budgets are per workspace', async () => {
    const { sim } = testSimulator({
      workspaces: [
        demoSpec({ accounts: 5 }),
        demoSpec({ slug: 'other', key: OTHER_KEY, name: 'Other', seed: 9, accounts: 5 }),
      ],
      rate: { perSecond: 3, perMinute: 100 },
    });
    for (let i = 0; i < 3; i++) expect((await call(sim, 'GET', '/workspaces/current')).status).toBe(200);
    expect((await call(sim, 'GET', '/workspaces/current')).status).toBe(429);
    expect((await call(sim, 'GET', '/workspaces/current', { key: OTHER_KEY })).status).toBe(200);
  });
});
