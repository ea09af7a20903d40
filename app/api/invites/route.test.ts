import { rmSync } from 'node:fs';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type MailReceiver, startMailReceiver } from '@/lib/mail/mail-receiver-test-helpers';

// POST /api/invites as Next calls it, with a real SMTP server on loopback: an address given gets one
// message with the absolute link; a send that fails keeps the invite and says why; an address given
// to a server without SMTP_URL is refused on the email field, before any invite exists.
vi.hoisted(() => {
  process.env.DASHBOARD_SECRET = 'invite-route-test-secret-0123456789abcdef0123';
  process.env.DATA_DIR = `${process.env.TMPDIR ?? '/tmp'}/fleet-invite-route-test-${process.pid}-${Date.now()}`;
  process.env.SIM_WORKSPACES = '';
  process.env.SIM_ACCOUNTS = '5';
  process.env.DASHBOARD_PUBLIC_URL = 'https://fleet.example.com/';
  process.env.ALERTS_ALLOW_PRIVATE_URLS = 'on';
});

// Each request reads the environment afresh, so that a test can take the mail server away.
vi.mock('@/lib/server/config', async () => {
  const { parseConfig } = await import('@/lib/schemas/config');
  return { getConfig: () => parseConfig(process.env) };
});

const ADMIN = {
  id: 'p_invite_admin',
  email: 'ada@example.com',
  name: 'Ada Admin',
  role: 'admin' as const,
  workspaceIds: null,
};
vi.mock('@/lib/server/auth/people', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/server/auth/people')>()),
  personOfRequest: async () => ({ person: ADMIN, ownerExists: true, setCookies: [] }),
}));

const { POST } = await import('./route');
const members = await import('../members/route');
const { getDb } = await import('@/lib/store/db');
const { insertPerson } = await import('@/lib/store/people');

let mailbox: MailReceiver;
let smtpUrl = '';

beforeAll(async () => {
  mailbox = await startMailReceiver();
  smtpUrl = mailbox.url;
  process.env.SMTP_URL = smtpUrl;
  process.env.SMTP_FROM = 'fleet@example.com';
  await insertPerson(await getDb(), { ...ADMIN, passwordHash: 'not-used-here' });
});
afterAll(async () => {
  await mailbox.close();
  rmSync(process.env.DATA_DIR as string, { recursive: true, force: true });
});
beforeEach(() => {
  process.env.SMTP_URL = smtpUrl;
  process.env.SMTP_FROM = 'fleet@example.com';
  mailbox.received.length = 0;
});

const noParams = { params: Promise.resolve({}) };
const invite = (body: unknown) =>
  POST(
    new NextRequest('http://127.0.0.1:3000/api/invites', {
      method: 'POST',
      headers: {
        host: '127.0.0.1:3000',
        'sec-fetch-site': 'same-origin',
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    }),
    noParams,
  );
const openInvites = async () => {
  const response = await members.GET(
    new NextRequest('http://127.0.0.1:3000/api/members', { headers: { host: '127.0.0.1:3000' } }),
    noParams,
  );
  return (await response.json()) as { invites: Array<{ id: string }>; canEmailInvites: boolean };
};

describe('POST /api/invites with an e-mail address', () => {
  it('e-mails the absolute link once, from SMTP_FROM, and says so', async () => {
    expect((await openInvites()).canEmailInvites).toBe(true);
    const response = await invite({ role: 'operator', email: 'New.Person@Example.com' });
    expect(response.status).toBe(201);
    const answer = (await response.json()) as { path: string; emailed: unknown };
    expect(answer.emailed).toEqual({ to: 'new.person@example.com', sent: true });
    expect(mailbox.received).toHaveLength(1);
    const [mail] = mailbox.received;
    expect(mail?.to).toEqual(['new.person@example.com']);
    expect(mail?.from).toBe('fleet@example.com');
    expect(mail?.text).toContain("Subject: You're invited to Fleet health");
    expect(mail?.text).toContain(`https://fleet.example.com${answer.path}`);
    expect(mail?.text).toContain('Ada Admin (ada@example.com) invites you');
    expect(mail?.text).toContain('text/html');
  });

  it('without an address sends nothing and answers emailed: null', async () => {
    const response = await invite({ role: 'viewer' });
    expect(response.status).toBe(201);
    expect(((await response.json()) as { emailed: unknown }).emailed).toBeNull();
    expect(mailbox.received).toHaveLength(0);
  });

  it('keeps the invite when the mail server cannot be reached, and says why', async () => {
    process.env.SMTP_URL = 'smtp://127.0.0.1:1';
    const before = (await openInvites()).invites.length;
    const response = await invite({ role: 'viewer', email: 'someone@example.com' });
    expect(response.status).toBe(201);
    const answer = (await response.json()) as {
      path: string;
      emailed: { to: string; sent: boolean; error?: string };
    };
    expect(answer.path).toMatch(/^\/invite\/[A-Za-z0-9_-]{43}$/);
    expect(answer.emailed).toMatchObject({ to: 'someone@example.com', sent: false });
    expect(answer.emailed.error).toContain('ECONNREFUSED');
    expect((await openInvites()).invites).toHaveLength(before + 1);
  });

  it('refuses an address on a server without SMTP_URL, naming the field, and creates no invite', async () => {
    delete process.env.SMTP_URL;
    delete process.env.SMTP_FROM;
    expect((await openInvites()).canEmailInvites).toBe(false);
    const before = (await openInvites()).invites.length;
    const response = await invite({ role: 'viewer', email: 'someone@example.com' });
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { field: string; detail: string };
    expect(problem.field).toBe('email');
    expect(problem.detail).toContain('SMTP_URL');
    expect((await openInvites()).invites).toHaveLength(before);
  });

  it('refuses an address that is not one, on the email field', async () => {
    const response = await invite({ role: 'viewer', email: 'not-an-address' });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain('email');
    expect(mailbox.received).toHaveLength(0);
  });
});
