import { describe, expect, it } from 'vitest';
import { Throttle, clientAddress } from './throttle';

describe('Throttle', () => {
  it('allows max hits per window per key, then says how long to wait', () => {
    let now = 1_000_000;
    const throttle = new Throttle({ max: 3, windowMs: 60_000 }, () => now);
    expect([throttle.take('a'), throttle.take('a'), throttle.take('a')]).toEqual([0, 0, 0]);
    expect(throttle.take('a')).toBe(60_000);
    expect(throttle.take('b')).toBe(0);
    now += 30_000;
    expect(throttle.take('a')).toBe(30_000);
    now += 30_001;
    expect(throttle.take('a')).toBe(0);
  });

  it('refused hits do not extend the wait', () => {
    let now = 0;
    const throttle = new Throttle({ max: 1, windowMs: 1000 }, () => now);
    throttle.take('a');
    for (let i = 0; i < 50; i += 1) throttle.take('a');
    now = 1001;
    expect(throttle.take('a')).toBe(0);
  });

  it('tracks a bounded number of keys', () => {
    const throttle = new Throttle({ max: 1, windowMs: 60_000 }, () => 0, 2);
    throttle.take('a');
    throttle.take('b');
    throttle.take('c');
    // 'a' was the oldest and was forgotten, so it may ask again; 'c' may not.
    expect(throttle.take('a')).toBe(0);
    expect(throttle.take('c')).toBeGreaterThan(0);
  });
});

describe('clientAddress', () => {
  it('takes the entry the nearest hop wrote', () => {
    expect(clientAddress(new Headers({ 'x-forwarded-for': '1.2.3.4, 10.0.0.9' }))).toBe('10.0.0.9');
    expect(clientAddress(new Headers({ 'x-real-ip': '5.6.7.8' }))).toBe('5.6.7.8');
    expect(clientAddress(new Headers())).toBe('unknown');
  });
});
