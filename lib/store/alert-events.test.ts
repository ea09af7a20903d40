import { describe, expect, it } from 'vitest';
import type { AlertEvent } from '@/lib/schemas/alert-event';
import { appendAlertEvents, listAlertEventsAfter } from './alert-events';
import { testDb } from './test-db';

const event = (eventId: string, overrides: Partial<AlertEvent> = {}): AlertEvent => ({
  eventId,
  kind: 'opened',
  alertId: 'alert-1',
  rule: 'new-errors',
  severity: 'critical',
  workspace: { id: 'w', name: 'Acme' },
  scope: { kind: 'domain', value: 'acme.io' },
  cause: 'oauth-expired',
  title: '12 inboxes on acme.io: sign-in expired',
  summary: 'Instantly can no longer sign in to these inboxes.',
  fix: ['Reconnect each inbox in Instantly.'],
  count: 12,
  accounts: ['ann@acme.io'],
  links: { accounts: '/accounts?cause=oauth-expired', alert: '/alerts/alert-1' },
  occurredAt: '2026-12-02T08:00:00.000Z',
  ...overrides,
});

describe('the alert event queue', () => {
  it('reads events oldest first from a cursor, each event once', async () => {
    const db = await testDb();
    await appendAlertEvents(db, [event('b'), event('a')], 1000);
    await appendAlertEvents(db, [event('c', { kind: 'recovered' })], 2000);
    const all = await listAlertEventsAfter(db, null, 10);
    expect(all.map((row) => row.event.eventId)).toEqual(['a', 'b', 'c']);
    expect(all[2]?.event.kind).toBe('recovered');
    const rest = await listAlertEventsAfter(db, all[0]?.cursor ?? null, 10);
    expect(rest.map((row) => row.event.eventId)).toEqual(['b', 'c']);
    expect(await listAlertEventsAfter(db, all[2]?.cursor ?? null, 10)).toEqual([]);
    expect((await listAlertEventsAfter(db, null, 2)).length).toBe(2);
  });

  it('keeps the first event of an id appended twice', async () => {
    const db = await testDb();
    await appendAlertEvents(db, [event('a', { count: 12 })], 1000);
    await appendAlertEvents(db, [event('a', { count: 99 })], 3000);
    const [only, ...none] = await listAlertEventsAfter(db, null, 10);
    expect(none).toEqual([]);
    expect(only?.event.count).toBe(12);
    expect(only?.cursor.createdAt).toBe(1000);
  });

  it('refuses an event that breaks the schema, and stores nothing of it', async () => {
    const db = await testDb();
    await expect(
      appendAlertEvents(db, [event('bad', { links: { accounts: 'https://x', alert: '/a' } })], 1),
    ).rejects.toThrow();
    expect(await listAlertEventsAfter(db, null, 10)).toEqual([]);
  });
});
