import 'server-only';
import { z } from 'zod';
import {
  WARMUP_TOGGLE_NO_TARGET,
  emailBatchSchema,
  togglesSomething,
  warmupToggleFields,
} from '@/lib/schemas/instantly-requests';

// Request bodies as Instantly's spec declares them, where that differs from what our own client sends
// (lib/schemas/instantly-requests.ts is strict on purpose, to catch our typos before they leave).
// The spec forbids extra fields (`additionalProperties: false`) on: account create, account patch,
// bulk pause, custom-tag create/patch and toggle-resource; those routes keep the strict schemas. It does
// not on warmup enable/disable, warmup-analytics, test/vitals and accounts/move, so extra fields are accepted there
// (an MCP server sends `start_date`/`end_date` to warmup-analytics).

/** Warmup enable/disable: every field optional; with neither emails nor include_all_emails, Fastify's words. */
export const warmupToggleBodySchema = z.looseObject(warmupToggleFields).refine(togglesSomething, {
  message: WARMUP_TOGGLE_NO_TARGET,
  params: { fastify: WARMUP_TOGGLE_NO_TARGET },
});

export const warmupAnalyticsBodySchema = z.looseObject({ emails: emailBatchSchema });

/** test/vitals: `accounts` is a list of strings; the spec states no address format and no maximum. */
export const testVitalsBodySchema = z.looseObject({ accounts: z.array(z.string()).min(1) });

/** accounts/move: all three required; the spec states no address format and no extra-field rule. */
export const moveAccountsBodySchema = z.looseObject({
  emails: z.array(z.string()).min(1),
  source_workspace_id: z.string(),
  destination_workspace_id: z.string(),
});
