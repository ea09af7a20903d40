import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { moveAccountsRequestSchema } from '@/lib/schemas/instantly-requests';
import { moveAccountsResponseSchema } from '@/lib/schemas/instantly-workspace';
import { call, demoSpec, testSimulator } from './test-helpers';

// POST /accounts/move (REFERENCE §4.13): the spec's request moves the accounts and gets the spec's
// answer; validation errors are Fastify's.

const fixtures = join(import.meta.dirname, '..', 'schemas', 'fixtures', 'instantly-api');
const specResponse: unknown = JSON.parse(
  readFileSync(join(fixtures, 'accounts-move.response.spec-example.json'), 'utf8'),
);
const specRequest = moveAccountsRequestSchema.parse(
  JSON.parse(readFileSync(join(fixtures, 'accounts-move.request.spec-example.json'), 'utf8')),
);

const OTHER_KEY = 'sim-key-other-workspace';

function twoWorkspaces() {
  return testSimulator({
    workspaces: [
      demoSpec({ accounts: 8 }),
      demoSpec({ slug: 'other', key: OTHER_KEY, name: 'Other', seed: 7, accounts: 3 }),
    ],
  });
}

async function setUp() {
  const { sim, clock } = twoWorkspaces();
  const source = ((await call(sim, 'GET', '/workspaces/current')).body as { id: string }).id;
  const destination = (
    (await call(sim, 'GET', '/workspaces/current', { key: OTHER_KEY })).body as { id: string }
  ).id;
  const listed = (await call(sim, 'GET', '/accounts', { query: { limit: 100 } })).body as {
    items: Array<{ email: string }>;
  };
  return { sim, clock, source, destination, emails: listed.items.map((a) => a.email) };
}

describe('POST /accounts/move', () => {
  it('moves the accounts and answers as the spec example does', async () => {
    const { sim, source, destination, emails } = await setUp();
    const moved = emails.slice(0, 2);
    const res = await call(sim, 'POST', '/accounts/move', {
      body: {
        ...specRequest,
        emails: moved,
        source_workspace_id: source,
        destination_workspace_id: destination,
      },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(specResponse);
    expect(moveAccountsResponseSchema.parse(res.body)).toEqual({ status: 'success' });
    expect((await call(sim, 'GET', `/accounts/${encodeURIComponent(moved[0]!)}`)).status).toBe(404);
    const there = await call(sim, 'GET', `/accounts/${encodeURIComponent(moved[0]!)}`, { key: OTHER_KEY });
    expect(there.body).toMatchObject({ email: moved[0], organization: destination });
    const left = (await call(sim, 'GET', '/accounts', { query: { limit: 100 } })).body as {
      items: unknown[];
    };
    expect(left.items).toHaveLength(emails.length - 2);
  });

  it.each([
    [{}, "body must have required property 'emails'"],
    [{ emails: [] }, 'body/emails must NOT have fewer than 1 items'],
    [{ emails: ['a@b.co'] }, "body must have required property 'source_workspace_id'"],
    // A bare string would be wrapped into an array (Fastify's coerceTypes: 'array'); an object is not.
    [
      { emails: { a: 1 }, source_workspace_id: 's', destination_workspace_id: 'd' },
      'body/emails must be array',
    ],
  ])('refuses %j with Fastify’s 400: %s', async (body, message) => {
    const { sim } = twoWorkspaces();
    const res = await call(sim, 'POST', '/accounts/move', { body });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ statusCode: 400, code: 'FST_ERR_VALIDATION', error: 'Bad Request', message });
  });

  it('accepts extra fields (the spec body does not forbid them) and answers 404 for an unknown workspace or account', async () => {
    const { sim, source, destination, emails } = await setUp();
    const base = { emails: [emails[0]], source_workspace_id: source, destination_workspace_id: destination };
    const unknownWorkspace = await call(sim, 'POST', '/accounts/move', {
      body: { ...base, destination_workspace_id: 'nope', note: 'extra' },
    });
    expect(unknownWorkspace.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'Resource not found',
    });
    const unknownAccount = await call(sim, 'POST', '/accounts/move', {
      body: { ...base, emails: ['nobody@nowhere.test'] },
    });
    expect(unknownAccount.status).toBe(404);
    expect((await call(sim, 'POST', '/accounts/move', { body: { ...base, note: 'extra' } })).status).toBe(
      200,
    );
  });
});
