import { describe, expect, it } from 'vitest';
import type { AlertFinding } from '@/lib/alerts/types';
import { defaultAlertSettings } from '@/lib/schemas/alert-settings';
import { alertSettingsOf, saveAlertSettings } from './alert-settings';
import { reconcileAlerts } from './alerts';
import {
  acknowledgeAlert,
  alertById,
  eventsOfAlert,
  inboxAlerts,
  markInboxSeen,
  snoozeAlert,
  unreadAlertCount,
} from './alerts-inbox';
import { testDb } from './test-db';

const T0 = Date.parse('2026-12-02T08:00:00Z');

const finding = (cause: string, severity: AlertFinding['severity']): AlertFinding => ({
  rule: 'new-errors',
  cause,
  scope: { kind: 'workspace', value: 'ws_1' },
  severity,
  title: cause,
  summary: '',
  fix: [],
  emails: ['a@x.io'],
  filter: { cause },
});

async function seeded() {
  const db = await testDb();
  await reconcileAlerts(db, {
    workspace: { id: 'ws_1', name: 'One' },
    evaluation: { evaluated: ['new-errors'], disabled: [], findings: [finding('throttled', 'warning')] },
    reminderHours: 24,
    now: T0,
  });
  await reconcileAlerts(db, {
    workspace: { id: 'ws_1', name: 'One' },
    evaluation: {
      evaluated: ['new-errors'],
      disabled: [],
      findings: [finding('throttled', 'warning'), finding('auth-failed', 'critical')],
    },
    reminderHours: 24,
    now: T0 + 1000,
  });
  return db;
}

describe('the alerts inbox', () => {
  it('lists open alerts critical first, only of the workspaces asked for', async () => {
    const db = await seeded();
    expect((await inboxAlerts(db, ['ws_1'])).open.map((a) => a.cause)).toEqual(['auth-failed', 'throttled']);
    expect(await inboxAlerts(db, ['ws_2'])).toEqual({ open: [], resolved: [] });
  });

  it('counts unread alerts until the reader opens the inbox', async () => {
    const db = await seeded();
    expect(await unreadAlertCount(db, 'demo', ['ws_1'])).toBe(2);
    await markInboxSeen(db, 'demo', T0 + 500);
    expect(await unreadAlertCount(db, 'demo', ['ws_1'])).toBe(1);
    await markInboxSeen(db, 'demo', T0 + 2000);
    expect(await unreadAlertCount(db, 'demo', ['ws_1'])).toBe(0);
    expect(await unreadAlertCount(db, 'person:p1', ['ws_1'])).toBe(2);
    expect(await unreadAlertCount(db, 'person:p1', [])).toBe(0);
  });

  it('lists the events of one alert', async () => {
    const db = await seeded();
    const [critical, warning] = (await inboxAlerts(db, ['ws_1'])).open;
    expect(await eventsOfAlert(db, warning?.id ?? '')).toEqual([
      { eventId: `${warning?.id}:opened`, kind: 'opened', createdAt: T0 },
    ]);
    expect((await eventsOfAlert(db, critical?.id ?? '')).map((e) => e.createdAt)).toEqual([T0 + 1000]);
  });

  it('acknowledges and snoozes open alerts only', async () => {
    const db = await seeded();
    const [alert] = (await inboxAlerts(db, ['ws_1'])).open;
    const id = alert?.id ?? '';
    expect(await acknowledgeAlert(db, id, 'Ann', T0 + 5)).toBe(true);
    expect(await snoozeAlert(db, id, T0 + 3_600_000)).toBe(true);
    expect(await alertById(db, id)).toMatchObject({
      acknowledged_by: 'Ann',
      acknowledged_at: T0 + 5,
      snoozed_until: T0 + 3_600_000,
    });
    expect(await acknowledgeAlert(db, 'nope', 'Ann', T0)).toBe(false);
    await db.updateTable('alerts').set({ open_key: null }).where('id', '=', id).execute();
    expect(await snoozeAlert(db, id, T0)).toBe(false);
  });
});

describe('alert settings', () => {
  it('reads the defaults until saved, then what was saved', async () => {
    const db = await testDb();
    expect(await alertSettingsOf(db, 'ws_1')).toEqual({
      settings: defaultAlertSettings(),
      updatedAt: null,
      updatedBy: null,
    });
    const changed = { ...defaultAlertSettings(), warmupScoreThreshold: 70 };
    await saveAlertSettings(db, 'ws_1', changed, 'Ann', '2026-12-02T08:00:00.000Z');
    await saveAlertSettings(db, 'ws_1', { ...changed, reminderHours: 6 }, 'Bob', '2026-12-02T09:00:00.000Z');
    expect(await alertSettingsOf(db, 'ws_1')).toEqual({
      settings: { ...changed, reminderHours: 6 },
      updatedAt: '2026-12-02T09:00:00.000Z',
      updatedBy: 'Bob',
    });
  });
});
