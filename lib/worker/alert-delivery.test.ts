import { describe, expect, it } from 'vitest';
import { alertEvent } from '@/lib/alerts/test-helpers';
import { signatureMatches } from '@/lib/alerts/signing';
import type { AlertEvent } from '@/lib/schemas/alert-event';
import { listChannelDeliveries } from '@/lib/store/alert-deliveries';
import { appendAlertEvents } from '@/lib/store/alert-events';
import type { Db } from '@/lib/store/connect';
import { testDb } from '@/lib/store/test-db';
import type { AlertTransports, DeliveryChannel, MailMessage } from './alert-delivery-send';
import { queueChannelEvents, runAlertDeliveries } from './alert-delivery';

const T0 = Date.parse('2026-12-02T09:00:00Z');
const SECRET = 'test-signing-secret-0123';

const webhook = (overrides: Partial<DeliveryChannel> = {}): DeliveryChannel => ({
  id: 'hook',
  kind: 'webhook',
  name: 'Ops hook',
  workspaceIds: null,
  severities: ['critical', 'warning'],
  digestHour: 8,
  timeZone: 'UTC',
  quietHours: null,
  startsAt: T0 - 1,
  secrets: { kind: 'webhook', url: 'https://hooks.example.com/fleet', signingSecret: SECRET },
  to: [],
  from: '',
  ...overrides,
});

interface Posted {
  url: string;
  body: string;
  headers: Record<string, string>;
}

/** A receiver whose answers are scripted (500, 500, 200 …); 200 once the script runs out. */
function scriptedTransports(statuses: (number | Error)[] = []) {
  const posted: Posted[] = [];
  const mailed: MailMessage[] = [];
  const transports: AlertTransports = {
    post: async (url, body, headers) => {
      posted.push({ url, body, headers });
      const next = statuses.shift() ?? 200;
      if (next instanceof Error) throw next;
      return { status: next, retryAfter: null };
    },
    mail: async (_smtp, message) => {
      mailed.push(message);
    },
  };
  return { posted, mailed, transports };
}

function harness(db: Db, channels: DeliveryChannel[], transports: AlertTransports, owner = 'w1') {
  const clock = { now: T0 };
  const round = () =>
    runAlertDeliveries({
      db,
      owner,
      now: () => clock.now,
      channels: async () => channels,
      transports,
      publicUrl: 'https://fleet.example.com',
    });
  return { clock, round };
}

const statuses = async (db: Db, channelId = 'hook') =>
  (await listChannelDeliveries(db, channelId, 100)).map((d) => [d.kind, d.event_id, d.status, d.attempts]);

describe('alert delivery', () => {
  it('a worker that does not know a channel leaves its deliveries to one that does', async () => {
    const db = await testDb();
    const { posted, transports } = scriptedTransports();
    const knows = harness(db, [webhook()], transports, 'w1');
    await appendAlertEvents(db, [alertEvent('e1')], T0);
    // Queued by the worker that knows the channel, but sent by none yet: the other one runs first.
    await queueChannelEvents(db, webhook(), T0);
    const other = harness(db, [], transports, 'w2');
    expect(await other.round()).toMatchObject({ delivered: 0, failed: 0 });
    expect(await knows.round()).toMatchObject({ delivered: 1, failed: 0 });
    expect(posted).toHaveLength(1);
  });

  it('an event committed after the cursor passed its time (a long daily run) is still delivered, once', async () => {
    const db = await testDb();
    const { posted, transports } = scriptedTransports();
    const { clock, round } = harness(db, [webhook()], transports);
    await appendAlertEvents(db, [alertEvent('early')], T0);
    clock.now = T0 + 10 * 60_000;
    await appendAlertEvents(db, [alertEvent('after-sync')], clock.now);
    expect(await round()).toMatchObject({ queued: 2 });
    // The daily run began at T0 + 1 min and commits its event only now, behind the cursor.
    await appendAlertEvents(db, [alertEvent('daily')], T0 + 60_000);
    clock.now += 1000;
    expect(await round()).toMatchObject({ queued: 1 });
    clock.now += 1000;
    expect(await round()).toMatchObject({ queued: 0 });
    const ids = posted.map((p) => (JSON.parse(p.body) as { eventId: string }).eventId);
    expect(ids.sort()).toEqual(['after-sync', 'daily', 'early']);
  });

  it('retries 500, 500 then delivers once, with the same event id and a valid signature every time', async () => {
    const db = await testDb();
    const { posted, transports } = scriptedTransports([500, 500]);
    const { clock, round } = harness(db, [webhook()], transports);
    await appendAlertEvents(db, [alertEvent('e1')], T0);
    expect(await round()).toMatchObject({ queued: 1, retrying: 1 });
    // Not due yet: the backoff holds it.
    clock.now += 1000;
    expect(await round()).toMatchObject({ delivered: 0, retrying: 0 });
    clock.now += 1000;
    expect(await round()).toMatchObject({ retrying: 1 });
    clock.now += 4000;
    expect(await round()).toMatchObject({ delivered: 1 });
    clock.now += 60_000;
    await round();
    expect(posted).toHaveLength(3);
    expect(new Set(posted.map((p) => p.headers['X-Fleet-Event-Id']))).toEqual(new Set(['e1']));
    for (const p of posted) {
      expect(JSON.parse(p.body)).toMatchObject({ schemaVersion: 1, eventId: 'e1' });
      expect(
        signatureMatches(
          SECRET,
          Number(p.headers['X-Fleet-Timestamp']),
          p.body,
          p.headers['X-Fleet-Signature'] ?? '',
        ),
      ).toBe(true);
    }
    expect(await statuses(db)).toEqual([['event', 'e1', 'delivered', 3]]);
  });

  it('gives up after the last attempt and keeps the failure, with its reason', async () => {
    const db = await testDb();
    const { posted, transports } = scriptedTransports(Array(10).fill(503));
    const { clock, round } = harness(db, [webhook()], transports);
    await appendAlertEvents(db, [alertEvent('e1')], T0);
    for (let i = 0; i < 12; i += 1) {
      await round();
      clock.now += 11 * 60_000;
    }
    expect(posted).toHaveLength(6);
    const [row] = await listChannelDeliveries(db, 'hook', 10);
    expect(row).toMatchObject({ status: 'failed', attempts: 6 });
    expect(row?.last_error).toBe('the receiver answered HTTP 503 (gave up after 6 attempts)');
  });

  it('does not retry an answer a retry cannot fix, and says why', async () => {
    const db = await testDb();
    const { posted, transports } = scriptedTransports([404]);
    const { clock, round } = harness(db, [webhook()], transports);
    await appendAlertEvents(db, [alertEvent('e1')], T0);
    await round();
    clock.now += 60_000;
    await round();
    expect(posted).toHaveLength(1);
    expect((await listChannelDeliveries(db, 'hook', 10))[0]).toMatchObject({
      status: 'failed',
      last_error: 'the receiver answered HTTP 404',
    });
  });

  it('retries network errors and timeouts', async () => {
    const db = await testDb();
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const { posted, transports } = scriptedTransports([refused]);
    const { clock, round } = harness(db, [webhook()], transports);
    await appendAlertEvents(db, [alertEvent('e1')], T0);
    await round();
    expect((await listChannelDeliveries(db, 'hook', 10))[0]).toMatchObject({
      status: 'queued',
      last_error: 'network error: ECONNREFUSED',
    });
    clock.now += 2000;
    await round();
    expect(posted).toHaveLength(2);
    expect(await statuses(db)).toEqual([['event', 'e1', 'delivered', 2]]);
  });

  it('yields one digest at the channel’s hour with every non-critical event of the day, grouped', async () => {
    const db = await testDb();
    const { posted, transports } = scriptedTransports();
    const channel = webhook({ digestHour: 8, timeZone: 'Europe/Paris' });
    const { clock, round } = harness(db, [channel], transports);
    // Through the day (Paris time = UTC+1): three warnings in two workspaces, one critical.
    const day: [string, Partial<AlertEvent>][] = [
      ['w-a', { severity: 'warning', rule: 'warmup-health' }],
      ['crit', { severity: 'critical' }],
      ['w-b', { severity: 'warning', rule: 'domain-vitals', workspace: { id: 'w2', name: 'Globex' } }],
      ['w-c', { severity: 'warning', rule: 'warmup-health' }],
    ];
    for (const [id, overrides] of day) {
      await appendAlertEvents(db, [alertEvent(id, overrides)], clock.now);
      await round();
      clock.now += 3 * 3_600_000;
    }
    // Only the critical one went out so far: it is now 21:00 Paris.
    expect(posted.map((p) => p.headers['X-Fleet-Event-Id'])).toEqual(['crit']);
    clock.now = Date.parse('2026-12-03T06:59:00Z');
    await round();
    expect(posted).toHaveLength(1);
    clock.now = Date.parse('2026-12-03T07:00:00Z'); // 8:00 in Paris
    await round();
    await round();
    expect(posted).toHaveLength(2);
    const digest = JSON.parse(posted[1]?.body ?? '{}');
    expect(digest).toMatchObject({ type: 'digest', day: '2026-12-02' });
    expect(digest.events.map((e: AlertEvent) => e.eventId)).toEqual(['w-a', 'w-c', 'w-b']);
    const rows = await statuses(db);
    expect(rows.filter(([kind]) => kind === 'digest')).toEqual([
      ['digest', 'hook:digest:2026-12-03T07:00:00.000Z', 'delivered', 1],
    ]);
    expect(rows.filter(([, id]) => String(id).startsWith('w-')).map(([, , status]) => status)).toEqual([
      'delivered',
      'delivered',
      'delivered',
    ]);
  });

  it('an event routed to a digest that another worker sends meanwhile joins the next digest', async () => {
    const db = await testDb();
    const { posted, transports } = scriptedTransports();
    const channel = webhook({ severities: ['warning'] });
    const other = harness(db, [channel], transports, 'worker-2');
    await appendAlertEvents(db, [alertEvent('w-day', { severity: 'warning' })], T0);
    await other.round();
    // Worker 1's round began a second before the digest hour; meanwhile worker 2 sends the 08:00
    // digest, and only then is an event committed (a rule run that began at 07:59:29) that worker 1
    // reads with its earlier clock.
    const before = Date.parse('2026-12-03T07:59:59Z');
    other.clock.now = Date.parse('2026-12-03T08:00:00Z');
    await other.round();
    await appendAlertEvents(db, [alertEvent('w-late', { severity: 'warning' })], before - 30_000);
    expect(await queueChannelEvents(db, channel, before)).toBe(1);
    const sent = JSON.parse(posted[0]?.body ?? '{}');
    expect(sent.events.map((e: AlertEvent) => e.eventId)).toEqual(['w-day']);
    const rows = await listChannelDeliveries(db, 'hook', 100);
    expect(rows.find((r) => r.event_id === 'w-late')).toMatchObject({
      status: 'held',
      digest_id: 'hook:digest:2026-12-04T08:00:00.000Z',
    });
    other.clock.now = Date.parse('2026-12-04T08:00:00Z');
    await other.round();
    expect(JSON.parse(posted[1]?.body ?? '{}').events.map((e: AlertEvent) => e.eventId)).toEqual(['w-late']);
  });

  it('holds a critical alert during quiet hours and sends it when they end', async () => {
    const db = await testDb();
    const { posted, transports } = scriptedTransports();
    const night = Date.parse('2026-12-02T23:00:00Z');
    const { clock, round } = harness(db, [webhook({ quietHours: { start: 22, end: 7 } })], transports);
    clock.now = night;
    await appendAlertEvents(db, [alertEvent('e1')], night);
    await round();
    expect(posted).toHaveLength(0);
    expect(await statuses(db)).toEqual([['event', 'e1', 'held', 0]]);
    clock.now = Date.parse('2026-12-03T07:00:00Z');
    await round();
    expect(posted).toHaveLength(1);
  });

  it('routes by workspace and severity, and delivers a recovery the way its alert was', async () => {
    const db = await testDb();
    const { posted, transports } = scriptedTransports();
    const onlyCritical = webhook({ id: 'crit', workspaceIds: ['w1'], severities: ['critical'] });
    const { clock, round } = harness(db, [onlyCritical, webhook({ id: 'all' })], transports);
    await appendAlertEvents(
      db,
      [
        alertEvent('a', { alertId: 'A' }),
        alertEvent('b', { workspace: { id: 'w2', name: 'Other' } }),
        alertEvent('c', { severity: 'warning' }),
      ],
      T0,
    );
    await round();
    // A recovery marked warning still goes out at once where its alert did.
    await appendAlertEvents(
      db,
      [alertEvent('a-ok', { alertId: 'A', kind: 'recovered', severity: 'warning' })],
      T0 + 10,
    );
    clock.now += 10;
    await round();
    expect((await statuses(db, 'crit')).map(([, id, status]) => [id, status]).sort()).toEqual([
      ['a', 'delivered'],
      ['a-ok', 'delivered'],
    ]);
    const all = (await statuses(db, 'all')).map(([, id, status]) => [id, status]).sort();
    expect(all).toEqual([
      ['a', 'delivered'],
      ['a-ok', 'delivered'],
      ['all:digest:2026-12-03T08:00:00.000Z', 'held'],
      ['b', 'delivered'],
      ['c', 'held'],
    ]);
    expect(posted).toHaveLength(5);
  });

  it('sends each delivery once when two workers run on one database', async () => {
    const db = await testDb();
    const { posted, transports } = scriptedTransports();
    const first = harness(db, [webhook()], transports, 'worker-1');
    const second = harness(db, [webhook()], transports, 'worker-2');
    await appendAlertEvents(
      db,
      Array.from({ length: 20 }, (_, i) => alertEvent(`e${i}`)),
      T0,
    );
    await Promise.all([first.round(), second.round(), first.round(), second.round()]);
    expect(posted.map((p) => p.headers['X-Fleet-Event-Id']).sort()).toEqual(
      Array.from({ length: 20 }, (_, i) => `e${i}`).sort(),
    );
  });

  it('reads only events appended after the channel started, and e-mails a channel’s recipients', async () => {
    const db = await testDb();
    await appendAlertEvents(db, [alertEvent('old')], T0 - 10);
    const { mailed, transports } = scriptedTransports();
    const email: DeliveryChannel = webhook({
      id: 'mail',
      kind: 'email',
      secrets: { kind: 'email', smtpUrl: 'smtp://smtp.example.com:587' },
      to: ['ops@example.com'],
      from: 'fleet@example.com',
    });
    const { round } = harness(db, [email], transports);
    await appendAlertEvents(db, [alertEvent('new')], T0);
    await round();
    expect(mailed).toHaveLength(1);
    expect(mailed[0]).toMatchObject({ to: ['ops@example.com'], from: 'fleet@example.com' });
    expect(mailed[0]?.subject).toContain('12 inboxes on acme.io: sign-in expired');
  });

  it('fails for good, and says so, when a channel’s secrets no longer open', async () => {
    const db = await testDb();
    const { posted, transports } = scriptedTransports();
    const { round } = harness(db, [webhook({ secrets: null })], transports);
    await appendAlertEvents(db, [alertEvent('e1')], T0);
    await round();
    expect(posted).toHaveLength(0);
    expect((await listChannelDeliveries(db, 'hook', 10))[0]?.last_error).toContain('secrets no longer open');
  });
});
