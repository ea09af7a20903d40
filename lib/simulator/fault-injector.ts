import 'server-only';
import type { FaultRule } from '@/lib/schemas/simulator-faults';
import { errorResponse, jsonResponse, reasonPhrase } from './http-responses';
import { hash32, Rng } from './prng';

// Fault rules (lib/schemas/simulator-faults.ts) turned into behaviour. A rule matches by workspace
// slug, method and a regex on the path after /api/v2; `rate` is rolled on a seeded generator (so a
// run with rate < 1 is repeatable), and a rule expires after `count` hits or `durationMs`.
// Latency rules add up; the first matching error / rate-limit / hang / malformed / malformed-row rule
// decides the answer. job-failure rules act inside warmup jobs (and make mark-fixed not stick), not on requests.

interface ActiveRule {
  rule: FaultRule;
  regex: RegExp | null;
  addedMs: number;
  hits: number;
}

export interface FaultMatchInput {
  slug: string | null;
  method: string;
  path: string;
}

export type TerminalFault = {
  kind: 'error' | 'rate-limit' | 'hang' | 'malformed' | 'malformed-row';
  rule: FaultRule;
};

export interface FaultDecision {
  latencyMs: number;
  terminal: TerminalFault | null;
}

/** Error statuses a fault may answer with, and the messages Instantly uses for them. */
const FAULT_MESSAGES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Invalid API key',
  402: 'Workspace does not have an active paid plan',
  403: 'Forbidden',
  404: 'Resource not found',
  409: 'update-warmup-accounts job in progress for 1 account(s)',
  413: 'Analytics request is too large for this workspace. Add an emails filter or request a smaller date range.',
  429: 'Rate limit exceeded',
};

const JOB_FAILURE_REASONS = [
  'Failed to update warmup status',
  'Account is in an error state. Reconnect the account and try again',
  'Could not verify MX records for domain {domain}',
  'Warmup pool rejected the account',
] as const;

export class FaultInjector {
  private rules: ActiveRule[] = [];
  private readonly rng: Rng;

  constructor(
    private readonly now: () => number,
    seed: number,
  ) {
    this.rng = Rng.from('faults', seed);
  }

  add(rules: readonly FaultRule[]): void {
    const addedMs = this.now();
    for (const rule of rules) {
      this.rules.push({
        rule,
        regex: rule.path === undefined ? null : new RegExp(rule.path),
        addedMs,
        hits: 0,
      });
    }
  }

  clear(): void {
    this.rules = [];
  }

  active(): FaultRule[] {
    this.prune();
    return this.rules.map((r) => r.rule);
  }

  private prune(): void {
    const now = this.now();
    this.rules = this.rules.filter(
      (r) =>
        (r.rule.count === undefined || r.hits < r.rule.count) &&
        (r.rule.durationMs === undefined || now < r.addedMs + r.rule.durationMs),
    );
  }

  private matches(active: ActiveRule, input: FaultMatchInput): boolean {
    const { rule, regex } = active;
    if (rule.workspace !== undefined && rule.workspace !== input.slug) return false;
    if (rule.method !== undefined && rule.method !== input.method) return false;
    if (regex !== null && !regex.test(input.path)) return false;
    return true;
  }

  /** Rolls `rate` and counts the hit. */
  private hit(active: ActiveRule): boolean {
    if (active.rule.rate < 1 && this.rng.next() >= active.rule.rate) return false;
    active.hits++;
    return true;
  }

  decide(input: FaultMatchInput): FaultDecision {
    this.prune();
    let latencyMs = 0;
    let terminal: TerminalFault | null = null;
    for (const active of this.rules) {
      const kind = active.rule.kind;
      if (kind === 'job-failure' || !this.matches(active, input)) continue;
      if (kind === 'latency') {
        if (this.hit(active)) latencyMs += active.rule.latencyMs ?? 1000;
      } else if (terminal === null && this.hit(active)) {
        terminal = { kind, rule: active.rule };
      }
    }
    return { latencyMs, terminal };
  }

  /**
   * Emails that a job-failure rule makes fail, with the reason. `key` makes failRate picks
   * deterministic per job (an email fails when hash(key, email) falls under the rate).
   */
  jobFailures(
    input: FaultMatchInput,
    emails: readonly string[],
    key: string,
    domainOf: (email: string) => string,
  ): Map<string, string> {
    this.prune();
    const failures = new Map<string, string>();
    for (const active of this.rules) {
      if (active.rule.kind !== 'job-failure' || !this.matches(active, input)) continue;
      const listed = new Set((active.rule.emails ?? []).map((e) => e.toLowerCase()));
      const failRate = active.rule.failRate ?? 0;
      const picked = emails.filter((email) => {
        const lower = email.toLowerCase();
        if (failures.has(lower)) return false;
        return listed.has(lower) || hash32(`${key}|${lower}`) / 4294967296 < failRate;
      });
      if (picked.length === 0 || !this.hit(active)) continue;
      for (const email of picked) {
        const reason =
          active.rule.message ??
          (JOB_FAILURE_REASONS[hash32(email.toLowerCase()) % JOB_FAILURE_REASONS.length] as string).replace(
            '{domain}',
            domainOf(email),
          );
        failures.set(email.toLowerCase(), reason);
      }
    }
    return failures;
  }
}

export function faultErrorResponse(rule: FaultRule): Response {
  const status = rule.status ?? 500;
  if (rule.body === 'html') return edgeHtmlResponse(status);
  if (rule.body === 'empty') return new Response(null, { status });
  return errorResponse(status, rule.message ?? FAULT_MESSAGES[status] ?? reasonPhrase(status));
}

/**
 * A `malformed-row` rule's answer: the real list page with one field of some rows in a shape the spec
 * does not allow (daily_limit as text, as a client sending "unlimited" might leave it), the other rows
 * untouched: the case of one odd account on an otherwise good page. Spoils the rows named in `emails`,
 * else the page's first; an answer that is no list page passes unchanged.
 */
export async function malformedRowResponse(real: Response, rule: FaultRule): Promise<Response> {
  if (!real.ok) return real;
  const body: unknown = await real
    .clone()
    .json()
    .catch(() => null);
  if (body === null || typeof body !== 'object' || !('items' in body) || !Array.isArray(body.items))
    return real;
  const wanted = rule.emails?.map((email) => email.toLowerCase());
  const items = (body.items as unknown[]).map((row, index) => {
    if (row === null || typeof row !== 'object') return row;
    const email = 'email' in row && typeof row.email === 'string' ? row.email.toLowerCase() : null;
    const spoil = wanted ? email !== null && wanted.includes(email) : index === 0;
    return spoil ? { ...row, daily_limit: rule.message ?? 'unlimited' } : row;
  });
  return jsonResponse({ ...body, items }, real.status);
}

/** The body a `malformed` rule answers with (see faultRuleSchema's `body`). */
export function malformedBody(rule: FaultRule): 'html' | 'truncated' | 'empty' {
  if (rule.body === 'truncated' || rule.message === 'truncated') return 'truncated';
  return rule.body === 'empty' ? 'empty' : 'html';
}

export function faultRateLimitResponse(rule: FaultRule): Response {
  const headers: Record<string, string> = {};
  if (rule.retryAfterSeconds !== undefined) headers['retry-after'] = String(rule.retryAfterSeconds);
  return errorResponse(429, rule.message ?? 'Rate limit exceeded', undefined, headers);
}

/** What a CDN edge answers when it intercepts the request: HTML, with a 200 unless told otherwise. */
export function edgeHtmlResponse(status = 200): Response {
  const html = `<!DOCTYPE html>
<!--[if lt IE 7]> <html class="no-js ie6 oldie" lang="en-US"> <![endif]-->
<html class="no-js" lang="en-US">
<head>
<title>Attention Required! | Cloudflare</title>
<meta charset="UTF-8" />
<meta name="robots" content="noindex, nofollow" />
</head>
<body>
  <div id="cf-wrapper">
    <h1 data-translate="block_headline">Sorry, you have been blocked</h1>
    <h2 class="cf-subheadline">You are unable to access api.instantly.ai</h2>
    <p>This website is using a security service to protect itself from online attacks.</p>
    <p>Cloudflare Ray ID: <strong class="font-semibold">8f2c1d9e4b7a3c21</strong></p>
  </div>
</body>
</html>
`;
  return new Response(html, { status, headers: { 'content-type': 'text/html; charset=UTF-8' } });
}

/** The real answer cut off half-way, as when a connection drops mid-body. */
export async function truncatedResponse(real: Response): Promise<Response> {
  const text = await real.text();
  const cut = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
  return new Response(cut, {
    status: real.status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}
