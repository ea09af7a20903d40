import 'server-only';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { accountListSchema, accountSchema, bulkPauseResponseSchema } from '@/lib/schemas/instantly-account';
import {
  ctdStatusSchema,
  dailyAccountAnalyticsSchema,
  testVitalsResponseSchema,
  warmupAnalyticsSchema,
} from '@/lib/schemas/instantly-analytics';
import { upstreamErrorBodySchema } from '@/lib/schemas/instantly-common';
import { backgroundJobListSchema, backgroundJobSchema } from '@/lib/schemas/instantly-job';
import {
  customTagListSchema,
  customTagMappingListSchema,
  customTagSchema,
  toggleTagResponseSchema,
  workspaceSchema,
} from '@/lib/schemas/instantly-workspace';
import { call, listAll, testSimulator } from './test-helpers';

// Every answer of the simulator parses with the schema the dashboard uses for that endpoint, and the
// job objects have exactly the keys of the real recordings.

const fixtures = join(import.meta.dirname, '..', 'schemas', 'fixtures', 'instantly-api');
const fixture = (name: string) =>
  JSON.parse(readFileSync(join(fixtures, name), 'utf8')) as Record<string, unknown>;

const { sim, clock } = testSimulator();
const items = (await listAll(sim)).items as Array<Record<string, unknown> & { email: string }>;
const email = items.find((a) => a.status === 1)?.email as string;
const errored = items.find((a) => (a.status as number) < 0)?.email as string;
const enc = encodeURIComponent;

function parses(schema: z.ZodType, body: unknown) {
  const result = schema.safeParse(body);
  expect(result.error?.issues ?? []).toEqual([]);
  // List pages are read row by row: a row set aside as unreadable is a mismatch too.
  if (schema === accountListSchema) expect((result.data as { unreadable: unknown[] }).unreadable).toEqual([]);
}

describe('responses parse with lib/schemas', () => {
  it('accounts', async () => {
    parses(
      accountListSchema,
      (await call(sim, 'GET', '/accounts', { query: { limit: 100, include_tags: true } })).body,
    );
    parses(
      accountListSchema,
      (await call(sim, 'GET', '/accounts', { query: { sort_by: 'status', limit: 5 } })).body,
    );
    parses(accountSchema, (await call(sim, 'GET', `/accounts/${enc(email)}`)).body);
    parses(
      accountSchema,
      (
        await call(sim, 'PATCH', `/accounts/${enc(email)}`, {
          body: { daily_limit: 25, warmup: { advanced: { open_rate: 90 } } },
        })
      ).body,
    );
    parses(accountSchema, (await call(sim, 'POST', `/accounts/${enc(email)}/pause`)).body);
    parses(accountSchema, (await call(sim, 'POST', `/accounts/${enc(email)}/resume`)).body);
    parses(accountSchema, (await call(sim, 'POST', `/accounts/${enc(errored)}/mark-fixed`)).body);
    parses(
      bulkPauseResponseSchema,
      (await call(sim, 'POST', '/accounts/pause', { body: { emails: [email] } })).body,
    );
    parses(
      accountSchema,
      (
        await call(sim, 'POST', '/accounts', {
          body: {
            email: 'created@conformance.test',
            first_name: 'C',
            last_name: 'T',
            provider_code: 2,
            imap_username: 'u',
            imap_password: 'p',
            imap_host: 'imap.gmail.com',
            imap_port: 993,
            smtp_username: 'u',
            smtp_password: 'p',
            smtp_host: 'smtp.gmail.com',
            smtp_port: 587,
            daily_limit: 20,
            sending_gap: 10,
            warmup: { limit: 20, increment: '2' },
          },
        })
      ).body,
    );
    parses(accountSchema, (await call(sim, 'DELETE', '/accounts/created%40conformance.test')).body);
  });

  it('analytics, vitals, CTD', async () => {
    const emails = items.slice(0, 100).map((a) => a.email);
    parses(
      warmupAnalyticsSchema,
      (await call(sim, 'POST', '/accounts/warmup-analytics', { body: { emails } })).body,
    );
    parses(
      dailyAccountAnalyticsSchema,
      (await call(sim, 'GET', '/accounts/analytics/daily', { query: { emails } })).body,
    );
    parses(
      testVitalsResponseSchema,
      (await call(sim, 'POST', '/accounts/test/vitals', { body: { accounts: emails } })).body,
    );
    parses(
      ctdStatusSchema,
      (await call(sim, 'GET', '/accounts/ctd/status', { query: { host: 'example.com' } })).body,
    );
  });

  it('jobs, with the exact key sets of the recorded pending and finished jobs', async () => {
    const created = (await call(sim, 'POST', '/accounts/warmup/enable', { body: { emails: [email] } }))
      .body as Record<string, unknown>;
    parses(backgroundJobSchema, created);
    const pendingFixture = fixture('warmup-enable.response.real-nango.json');
    expect(Object.keys(created)).toEqual(Object.keys(pendingFixture));
    expect(Object.keys(created.data as object)).toEqual(Object.keys(pendingFixture.data as object));
    clock.advance(10_000);
    const done = (await call(sim, 'GET', `/background-jobs/${String(created.id)}`)).body as Record<
      string,
      unknown
    >;
    parses(backgroundJobSchema, done);
    const doneFixture = fixture('background-job.response.real-nango-warmup-enable-done.json');
    expect(Object.keys(done)).toEqual(Object.keys(doneFixture));
    expect(Object.keys(done.data as object)).toEqual(Object.keys(doneFixture.data as object));
    parses(
      backgroundJobListSchema,
      (await call(sim, 'GET', '/background-jobs', { query: { limit: 100 } })).body,
    );
  });

  it('tags, mappings, workspace', async () => {
    const tag = (await call(sim, 'POST', '/custom-tags', { body: { label: 'Conformance' } })).body as {
      id: string;
    };
    parses(customTagSchema, tag);
    const createdFixture = fixture('custom-tag-create.response.real-nango.json');
    expect(Object.keys(tag)).toEqual(Object.keys(createdFixture));
    parses(customTagSchema, (await call(sim, 'GET', `/custom-tags/${tag.id}`)).body);
    parses(
      customTagSchema,
      (await call(sim, 'PATCH', `/custom-tags/${tag.id}`, { body: { label: 'Conformance 2' } })).body,
    );
    parses(customTagListSchema, (await call(sim, 'GET', '/custom-tags')).body);
    parses(
      toggleTagResponseSchema,
      (
        await call(sim, 'POST', '/custom-tags/toggle-resource', {
          body: { tag_ids: [tag.id], resource_type: 1, resource_ids: [email], assign: true },
        })
      ).body,
    );
    parses(customTagMappingListSchema, (await call(sim, 'GET', '/custom-tag-mappings')).body);
    parses(customTagSchema, (await call(sim, 'DELETE', `/custom-tags/${tag.id}`)).body);
    parses(workspaceSchema, (await call(sim, 'GET', '/workspaces/current')).body);
  });

  it('errors, in every shape', async () => {
    const errors = [
      await call(sim, 'GET', '/accounts', { key: null }),
      await call(sim, 'GET', '/nope'),
      await call(sim, 'GET', '/accounts', { query: { limit: 101 } }),
      await call(sim, 'GET', '/accounts/ghost%40nowhere.test'),
      await call(sim, 'GET', '/accounts/analytics/daily'),
      await call(sim, 'GET', '/accounts/analytics/daily', {
        query: { emails: [email], start_date: '2026-08-10', end_date: '2026-08-01' },
      }),
      await call(sim, 'POST', '/accounts/test/vitals', { body: { accounts: [] } }),
      await call(sim, 'GET', '/accounts/ctd/status'),
      await call(sim, 'POST', '/accounts/warmup-analytics', { rawBody: '' }),
    ];
    for (const res of errors) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      parses(upstreamErrorBodySchema, res.body);
    }
  });
});

describe('account objects look like the real ones', () => {
  it('use only keys the real API returns, in its order', () => {
    const known = [
      'email',
      'timestamp_created',
      'timestamp_updated',
      'first_name',
      'last_name',
      'organization',
      'warmup_status',
      'provider_code',
      'setup_pending',
      'is_managed_account',
      'warmup',
      'added_by',
      'daily_limit',
      'modified_by',
      'tracking_domain_name',
      'tracking_domain_status',
      'status',
      'enable_slow_ramp',
      'inbox_placement_test_limit',
      'status_message',
      'timestamp_warmup_start',
      'timestamp_last_used',
      'warmup_pool_id',
      'stat_warmup_score',
      'sending_gap',
      'signature',
      'reply_to',
      'autofix_failed',
    ];
    for (const account of items) {
      const keys = Object.keys(account);
      expect(
        keys.every((k) => known.includes(k)),
        keys.join(','),
      ).toBe(true);
      expect(keys).toEqual([...keys].sort((a, b) => known.indexOf(a) - known.indexOf(b)));
      for (const required of [
        'email',
        'timestamp_created',
        'timestamp_updated',
        'first_name',
        'last_name',
        'organization',
        'warmup_status',
        'provider_code',
        'setup_pending',
        'is_managed_account',
        'status',
        'stat_warmup_score',
      ]) {
        expect(account).toHaveProperty(required);
      }
    }
  });

  it('a managed account has the key set of the recorded DFY account', () => {
    const dfy = fixture('account.response.real-leonidsvb-managed-dfy.json');
    const managed = items.filter(
      (a) => a.is_managed_account === true && a.setup_pending === false && a.status === 1,
    );
    expect(managed.length).toBeGreaterThan(0);
    // timestamp_last_used left the spec in 2026 but older real payloads carry it; the rest must match.
    for (const account of managed)
      expect(Object.keys(account).filter((k) => k !== 'timestamp_last_used')).toEqual(Object.keys(dfy));
  });
});
