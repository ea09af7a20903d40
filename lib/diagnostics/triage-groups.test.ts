import { describe, expect, it } from 'vitest';
import { inErrorState, providerFamilies } from './account-status';
import { causeCatalog, causeIds } from './cause-catalog';
import {
  NO_MESSAGE_GROUP_ID,
  type TriageGroupId,
  isTriageGroupId,
  messagelessError,
  triageGroupFilter,
  triageGroupInfo,
  triageGroupOf,
  warmupGroupIds,
} from './triage-groups';

const allGroupIds: TriageGroupId[] = [...causeIds, ...warmupGroupIds, NO_MESSAGE_GROUP_ID];

describe('triage groups', () => {
  it('never collide with a cause id', () => {
    expect(new Set(allGroupIds).size).toBe(allGroupIds.length);
    for (const id of [...warmupGroupIds, NO_MESSAGE_GROUP_ID]) expect(causeIds).not.toContain(id);
    expect(allGroupIds.every(isTriageGroupId)).toBe(true);
    expect(isTriageGroupId('warmup-frozen')).toBe(false);
    expect(isTriageGroupId('none')).toBe(false);
  });

  it('describe every group fully, for every provider family', () => {
    for (const id of allGroupIds) {
      const info = triageGroupInfo(id);
      expect(info.id).toBe(id);
      expect(info.title.length, id).toBeGreaterThan(3);
      expect(info.explanation.length, id).toBeGreaterThan(20);
      for (const family of providerFamilies)
        expect(info.fix[family].length, `${id} ${family}`).toBeGreaterThan(0);
      expect(info.actions.length, id).toBeGreaterThan(0);
    }
  });

  it('reuse the cause catalog for causes, with bulk equivalents of its buttons', () => {
    const info = triageGroupInfo('daily-sending-limit');
    expect(info).toMatchObject({
      kind: 'cause',
      title: causeCatalog['daily-sending-limit'].title,
      urgency: causeCatalog['daily-sending-limit'].urgency,
      actions: ['set-daily-limit', 'pause', 'mark-fixed'],
    });
    // "Reconnect" needs a person at the provider's sign-in: no bulk equivalent.
    expect(triageGroupInfo('oauth-token-revoked').actions).toEqual(['mark-fixed']);
  });

  it('group a current message by its cause first, then warmup trouble, then a bare error state', () => {
    const of = (status: number | null, warmupStatus: number | null, cause: string | null, stale = false) =>
      triageGroupOf({ status, warmupStatus, cause, stale });
    expect(of(-1, 1, 'auth-failed')).toBe('auth-failed');
    expect(of(-1, -1, 'auth-failed')).toBe('auth-failed');
    expect(of(2, 0, 'daily-sending-limit')).toBe('daily-sending-limit');
    expect(of(null, null, 'throttled')).toBe('throttled');
    expect(of(1, 1, 'auth-failed', true)).toBeNull();
    expect(of(1, -1, 'auth-failed', true)).toBe('warmup-banned');
    expect(of(1, -2, null)).toBe('warmup-spam-folder-unknown');
    expect(of(2, -3, null)).toBe('warmup-suspended');
    expect(of(-2, 1, null)).toBe(NO_MESSAGE_GROUP_ID);
    expect(of(-3, -1, null)).toBe('warmup-banned');
    expect(of(1, 1, null)).toBeNull();
    expect(of(3, 0, null)).toBeNull();
    expect(of(null, null, null)).toBeNull();
    // An index written by an older classifier: still on the board, as unknown.
    expect(of(-1, 1, 'retired-cause')).toBe('unknown');
  });

  it('name an error state without a message exactly when the account counts as having an error', () => {
    const statuses = [1, 2, 3, -1, -2, -3, -4, 7, null];
    const warmups = [0, 1, -1, -2, -3, -9, 5, null];
    for (const status of statuses) {
      for (const warmup of warmups) {
        const named = messagelessError(status, warmup);
        expect(named !== null, `status ${status}, warmup ${warmup}`).toBe(inErrorState(status, warmup));
        if (named) expect(named.title, `status ${status}, warmup ${warmup}`).toMatch(/\S/);
      }
    }
    expect(messagelessError(1, -2)?.title).toBe('Spam folder not found');
    expect(messagelessError(-1, 1)?.title).toBe('Error without a message');
    expect(messagelessError(1, -9)?.title).toBe('Warmup: Unknown (-9)');
    expect(messagelessError(2, 0)).toBeNull();
  });

  it('map every group onto the fleet-table filter vocabulary', () => {
    expect(triageGroupFilter('tls-error')).toEqual({ cause: ['tls-error'] });
    expect(triageGroupFilter('warmup-banned')).toEqual({ warmup: [-1] });
    expect(triageGroupFilter('warmup-spam-folder-unknown')).toEqual({ warmup: [-2] });
    expect(triageGroupFilter('warmup-suspended')).toEqual({ warmup: [-3] });
    expect(triageGroupFilter(NO_MESSAGE_GROUP_ID)).toEqual({ status: [-1, -2, -3], cause: ['none'] });
  });
});
