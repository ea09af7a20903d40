import { describe, expect, it } from 'vitest';
import { countsText, fleetChanged, itemStateOf, progressSignature } from './format';

const action = (id: string, done: number, failed: number) => ({
  id,
  counts: { total: 500, pending: 500 - done - failed, running: 0, done, failed },
});

describe('job wording', () => {
  it('tells an account that is waiting to be tried again from one never tried', () => {
    expect(itemStateOf({ state: 'pending', error: null }).label).toBe('Not yet attempted');
    expect(itemStateOf({ state: 'pending', error: 'Instantly kept rate limiting this workspace.' })).toEqual({
      label: 'Waiting to retry',
      tone: 'warning',
    });
    expect(itemStateOf({ state: 'failed', error: 'Refused' }).label).toBe('Failed');
  });

  it('says what happened in words a person reads', () => {
    expect(countsText({ total: 500, pending: 184, running: 0, done: 312, failed: 4 })).toBe(
      '312 done · 4 failed · 184 not yet attempted',
    );
    expect(countsText({ total: 3, pending: 0, running: 2, done: 1, failed: 0 })).toBe(
      '1 done · 0 failed · 2 in progress',
    );
    expect(countsText({ total: 1200, pending: 0, running: 0, done: 1200, failed: 0 })).toBe(
      '1,200 done · 0 failed',
    );
  });
});

describe('when the fleet table refreshes', () => {
  it('not on the first look, then once whenever done or failed counts move', () => {
    const first = progressSignature([action('a', 10, 0)]);
    expect(fleetChanged(null, first)).toBe(false);
    expect(fleetChanged(first, progressSignature([action('a', 10, 0)]))).toBe(false);
    expect(fleetChanged(first, progressSignature([action('a', 20, 0)]))).toBe(true);
    expect(fleetChanged(first, progressSignature([action('a', 10, 1)]))).toBe(true);
  });

  it('for a new action only when it already finished accounts', () => {
    const before = progressSignature([action('a', 10, 0)]);
    expect(fleetChanged(before, progressSignature([action('b', 0, 0), action('a', 10, 0)]))).toBe(false);
    expect(fleetChanged(before, progressSignature([action('b', 3, 0), action('a', 10, 0)]))).toBe(true);
  });
});
