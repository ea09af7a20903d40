import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  accountCampaignMappingListSchema,
  type AccountList,
  accountListSchema,
  accountSchema,
  bulkPauseResponseSchema,
  statusMessageSchema,
} from './instantly-account';
import {
  ctdStatusSchema,
  dailyAccountAnalyticsSchema,
  testVitalsResponseSchema,
  warmupAnalyticsSchema,
} from './instantly-analytics';
import { upstreamErrorBodySchema } from './instantly-common';
import { backgroundJobListSchema, backgroundJobSchema } from './instantly-job';
import {
  accountCreateRequestSchema,
  accountPatchRequestSchema,
  customTagCreateRequestSchema,
  customTagPatchRequestSchema,
  emailsRequestSchema,
  moveAccountsRequestSchema,
  testVitalsRequestSchema,
  toggleTagRequestSchema,
  warmupToggleRequestSchema,
} from './instantly-requests';
import {
  customTagListSchema,
  customTagMappingListSchema,
  customTagSchema,
  moveAccountsResponseSchema,
  toggleTagResponseSchema,
  workspaceSchema,
} from './instantly-workspace';

// Each recorded or spec payload must parse with the schema we use for it; the first rejection fails.
const dir = join(import.meta.dirname, 'fixtures', 'instantly-api');

const rules: Array<[RegExp, z.ZodType]> = [
  [/^accounts-list\.response/, accountListSchema],
  [/^account-create\.request/, accountCreateRequestSchema],
  [/^account-patch\.request/, accountPatchRequestSchema],
  [/^account(-(get|create|delete|mark-fixed|patch|pause|resume))?\.response/, accountSchema],
  [/^account-campaign-mappings\.response/, accountCampaignMappingListSchema],
  [/^accounts-analytics-daily\.response/, dailyAccountAnalyticsSchema],
  [/^accounts-ctd-status\.response/, ctdStatusSchema],
  [/^accounts-move\.request/, moveAccountsRequestSchema],
  [/^accounts-move\.response/, moveAccountsResponseSchema],
  [/^accounts-pause-bulk\.request/, emailsRequestSchema],
  [/^accounts-pause-bulk\.response/, bulkPauseResponseSchema],
  [/^accounts-test-vitals\.request/, testVitalsRequestSchema],
  [/^accounts-test-vitals\.response/, testVitalsResponseSchema],
  [/^background-jobs-list\.response/, backgroundJobListSchema],
  [/^background-job\.response/, backgroundJobSchema],
  [/^custom-tag-create\.request/, customTagCreateRequestSchema],
  [/^custom-tag-patch\.request/, customTagPatchRequestSchema],
  [/^custom-tag(-(create|delete|get|patch))?\.response/, customTagSchema],
  [/^custom-tags-list\.response/, customTagListSchema],
  [/^custom-tag-mappings-list\.response/, customTagMappingListSchema],
  [/^custom-tags-toggle-resource\.request/, toggleTagRequestSchema],
  [/^custom-tags-toggle-resource\.response/, toggleTagResponseSchema],
  [/^error-/, upstreamErrorBodySchema],
  [/^warmup-analytics\.request/, emailsRequestSchema],
  [/^warmup-analytics\.response/, warmupAnalyticsSchema],
  [/^warmup-(enable|disable)\.request/, warmupToggleRequestSchema],
  [/^warmup-(enable|disable)\.response/, backgroundJobSchema],
  [/^workspace-current\.response/, workspaceSchema],
];

// Not payloads: the spec excerpt (schemas, not values) and the status_message collection, which is
// checked entry by entry below.
const notPayloads = new Set(['openapi-excerpt.json', 'status-message.examples.real.json']);

const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json') && !notPayloads.has(f))
  .sort();

describe('every example payload parses with its schema', () => {
  it('finds the fixtures', () => {
    expect(files.length).toBeGreaterThan(70);
  });

  it.each(files)('%s', (file) => {
    const rule = rules.find(([pattern]) => pattern.test(file));
    expect(rule, `no schema mapped for ${file}`).toBeDefined();
    const payload: unknown = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    const result = rule![1].safeParse(payload);
    expect(result.error?.issues ?? []).toEqual([]);
    // A list page is read row by row: every recorded row must be readable, none set aside.
    if (rule![1] === accountListSchema) expect((result.data as AccountList).unreadable).toEqual([]);
  });

  it('keeps unknown keys of upstream objects (nothing is dropped on the way through)', () => {
    const account = JSON.parse(
      readFileSync(join(dir, 'account.response.real-leonidsvb-managed-dfy.json'), 'utf8'),
    );
    const parsed = accountSchema.parse(account);
    expect(parsed).toEqual(account);
  });

  it('parses every real status_message, including a bare string and null', () => {
    const collection = JSON.parse(readFileSync(join(dir, 'status-message.examples.real.json'), 'utf8')) as {
      examples: Array<{ status_message: unknown }>;
    };
    expect(collection.examples.length).toBeGreaterThan(0);
    for (const example of collection.examples) {
      expect(statusMessageSchema.safeParse(example.status_message).success).toBe(true);
    }
    expect(statusMessageSchema.parse('error: something broke')).toBe('error: something broke');
    expect(statusMessageSchema.parse(null)).toBeNull();
  });

  it('tolerates unknown enum values and odd responseCode types', () => {
    const parsed = accountSchema.parse({
      email: 'a@b.co',
      status: 7,
      warmup_status: -9,
      provider_code: 99,
      warmup: { increment: '9' },
      status_message: { code: 'EAUTH', responseCode: '535', extra: 1 },
    });
    expect(parsed.status).toBe(7);
    expect(parsed.warmup?.increment).toBe('9');
  });

  it('refuses a request we would send with a stray field', () => {
    expect(accountPatchRequestSchema.safeParse({ daily_limit: 10, status: 1 }).success).toBe(false);
    // Neither emails nor include_all_emails: Fastify's words for the anyOf of requirements.
    expect(warmupToggleRequestSchema.safeParse({}).error?.issues[0]?.message).toBe(
      "body must have required property 'emails', body must have required property 'include_all_emails', body must match a schema in anyOf",
    );
    expect(warmupToggleRequestSchema.safeParse({ include_all_emails: true }).success).toBe(true);
    expect(
      emailsRequestSchema.safeParse({ emails: Array.from({ length: 101 }, (_, i) => `a${i}@b.co`) }).success,
    ).toBe(false);
  });
});

describe('a list page is read row by row', () => {
  const page = JSON.parse(
    readFileSync(join(dir, 'accounts-list.response.real-leonidsvb-2025-09.json'), 'utf8'),
  ) as { items: Array<Record<string, unknown>>; next_starting_after?: string };

  it('keeps the readable rows and names the unreadable one by its email and a short reason', () => {
    const items = page.items.map((item) => ({ ...item }));
    items[6] = { ...items[6], warmup: 'on' };
    items[8] = { first_name: 'No email' };
    const parsed = accountListSchema.parse({ ...page, items });
    expect(parsed.items.map((a) => a.email)).toEqual(
      page.items.filter((_, i) => i !== 6 && i !== 8).map((a) => a.email),
    );
    expect(parsed.unreadable).toEqual([
      { email: page.items[6]!.email, reason: 'warmup: expected object, received string' },
      { email: null, reason: 'email: expected string, received undefined' },
    ]);
    expect(parsed.next_starting_after).toBe(page.next_starting_after);
  });

  it('accepts inbox_placement_test_limit as a number or a boolean (older clients typed it so)', () => {
    const row = page.items.find((a) => typeof a.inbox_placement_test_limit === 'number')!;
    for (const value of [10, true, false, null]) {
      const parsed = accountListSchema.parse({ items: [{ ...row, inbox_placement_test_limit: value }] });
      expect(parsed.unreadable).toEqual([]);
      expect(parsed.items[0]?.inbox_placement_test_limit).toBe(value);
    }
    expect(accountSchema.safeParse({ ...row, inbox_placement_test_limit: 'ten' }).success).toBe(false);
  });
});
