import { z } from 'zod';

// Fault injection for the simulator, shared by its env variable (SIM_FAULTS, JSON) and its control
// endpoint so both are validated the same way at the boundary.

export const FAULT_KINDS = [
  'latency',
  'error',
  'rate-limit',
  'hang',
  'malformed',
  'malformed-row',
  'job-failure',
] as const;

const regexSource = z.string().refine(
  (source) => {
    try {
      new RegExp(source);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'must be a valid regular expression' },
);

export const faultRuleSchema = z.strictObject({
  kind: z.enum(FAULT_KINDS),
  /** Workspace slug (`demo`, `acme`, …); all workspaces when absent. */
  workspace: z.string().min(1).optional(),
  /** HTTP method to match (any when absent). */
  method: z.enum(['GET', 'POST', 'PATCH', 'DELETE']).optional(),
  /** Regular expression tested against the path after `/api/v2` (e.g. `^/accounts/[^/]+$`). */
  path: regexSource.optional(),
  /** Probability that a matching request is hit (1 = always). */
  rate: z.number().min(0).max(1).default(1),
  /** Expire after this many hits. */
  count: z.number().int().positive().optional(),
  /** Expire this long after the rule was added. */
  durationMs: z.number().int().positive().optional(),
  /** `latency`: added delay. */
  latencyMs: z.number().int().min(0).max(120_000).optional(),
  /** `error`: the HTTP status to answer (5xx or any documented 4xx). */
  status: z.number().int().min(400).max(599).optional(),
  /**
   * How the answer's body looks. `error`: `json` (default, Instantly's envelope), `html` (an edge's
   * block page with that status, as a CDN sends), `empty`. `malformed`: `html` (default, an edge page
   * with a 200), `truncated` (the JSON cut half-way; also `message: 'truncated'`), `empty` (a 200 with
   * no body).
   */
  body: z.enum(['json', 'html', 'empty', 'truncated']).optional(),
  /** `rate-limit`: Retry-After seconds to send (none when absent, as Instantly usually does). */
  retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
  /**
   * `job-failure`: emails (or a fraction of emails) whose warmup change fails inside a job.
   * `malformed-row`: the list rows to spoil (the page's first row when absent).
   */
  emails: z.array(z.string()).optional(),
  failRate: z.number().min(0).max(1).optional(),
  /** The error's message; for `malformed-row`, the text put in the row's daily_limit (default `unlimited`). */
  message: z.string().max(300).optional(),
  /**
   * `error` / `malformed`: handle the request first (so a write is applied), then answer with the
   * fault: a 5xx or a cut-off body after the change landed, the case only a re-read can clear up.
   * (`malformed` with message "truncated" has always meant this.)
   */
  afterApplying: z.boolean().optional(),
});
export type FaultRule = z.infer<typeof faultRuleSchema>;
export type FaultRuleInput = z.input<typeof faultRuleSchema>;

export const faultRulesSchema = z.array(faultRuleSchema).max(50);
