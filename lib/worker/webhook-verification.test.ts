import { type IncomingHttpHeaders, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertEvent } from '@/lib/alerts/test-helpers';
import { readmeVerifySnippet } from '@/lib/alerts/webhook-snippet-test-helpers';
import { alertTransports } from '@/lib/server/alert-transports';
import { type DeliveryChannel, attemptDelivery } from './alert-delivery-send';

// The README's verification snippet, run as written, against a delivery signed and sent by the real
// code path over HTTP: what a receiver copies from the README is what this test checks.

const SECRET = 'receiver-secret-0123456789';
let server: Server;
let url = '';
const received: { headers: IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the README’s webhook verification snippet', () => {
  it('accepts a real signed delivery and refuses a changed body, another secret or an old timestamp', async () => {
    const verify = readmeVerifySnippet();
    const channel: DeliveryChannel = {
      id: 'hook',
      kind: 'webhook',
      name: 'Receiver',
      workspaceIds: null,
      severities: ['critical'],
      digestHour: 8,
      timeZone: 'UTC',
      quietHours: null,
      startsAt: 0,
      secrets: { kind: 'webhook', url, signingSecret: SECRET },
      to: [],
      from: '',
    };
    const outcome = await attemptDelivery(
      channel,
      { kind: 'event', event: alertEvent('evt-1') },
      alertTransports({ allowPrivate: true }),
      'https://fleet.example.com',
      Date.now(),
    );
    expect(outcome).toEqual({ ok: true });
    const [delivery] = received;
    if (!delivery) throw new Error('nothing arrived');
    expect(delivery.headers['x-fleet-event-id']).toBe('evt-1');
    expect(verify(SECRET, delivery.headers, delivery.body)).toBe(true);
    expect(verify(SECRET, delivery.headers, delivery.body.replace('acme.io', 'acme.com'))).toBe(false);
    expect(verify('another-secret-0123456789', delivery.headers, delivery.body)).toBe(false);
    const old = { ...delivery.headers, 'x-fleet-timestamp': String(Math.floor(Date.now() / 1000) - 3600) };
    expect(verify(SECRET, old, delivery.body)).toBe(false);
  });
});
