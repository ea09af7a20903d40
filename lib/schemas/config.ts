import { z } from 'zod';
import { emailSchema, passwordSchema, personNameSchema } from './api-people';
import { faultRulesSchema } from './simulator-faults';
import { isTimeZone } from './time-zone';

// Every setting the server reads, validated once at start-up. A bad value stops the process with a
// message naming the variable (see formatConfigError).

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const flag = z
  .enum(['1', '0', 'true', 'false', 'on', 'off', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'on' || v === 'yes');

const digits = z.string().regex(/^\d+$/, 'must be a whole number').transform(Number);

/** A simulated workspace's seed and its number of accounts (SIM_WORKSPACES, SIM_AGENCIES). */
const seedSchema = digits.pipe(
  z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1),
);
const accountCountSchema = digits.pipe(z.number().int().min(0).max(20_000));

/** `key:Name:seed:accounts[:flags]` entries, comma-separated; flags are `noplan` or `readonly`. */
const simWorkspaceSchema = z
  .string()
  .transform((entry) => entry.trim().split(':') as [string, string, string, string, string?])
  .pipe(
    z.tuple([
      z.string().regex(/^[A-Za-z0-9_-]{12,200}$/, 'key must be 12+ letters, digits, - or _'),
      z.string().min(1).max(80),
      seedSchema,
      accountCountSchema,
      z.enum(['noplan', 'readonly']).optional(),
    ]),
  )
  .transform(([key, name, seed, accounts, flag]) => ({ key, name, seed, accounts, flag: flag ?? null }));

/**
 * Simulated agencies (workspace groups): `adminKey:Admin name:seed:accounts|Client:seed:accounts[:status]|…`,
 * comma-separated. The part before the first `|` is the admin workspace (with its key); each part after
 * it is a client (sub) workspace reached only with the admin key and `x-as-workspace`; its status is
 * `accepted` unless it says `pending` or `rejected`.
 */
const simAgencySchema = z
  .string()
  .transform((entry) => entry.trim().split('|'))
  .pipe(
    z.tuple(
      [simWorkspaceSchema.refine((w) => w.flag === null, 'an admin workspace takes no flag')],
      z
        .string()
        .transform((part) => part.trim().split(':') as [string, string, string, string?])
        .pipe(
          z.tuple([
            z.string().min(1).max(80),
            seedSchema,
            accountCountSchema,
            z.enum(['accepted', 'pending', 'rejected']).optional(),
          ]),
        )
        .transform(([name, seed, accounts, status]) => ({
          name,
          seed,
          accounts,
          status: status ?? 'accepted',
        })),
    ),
  )
  .refine((parts) => parts.length >= 2, 'an agency needs at least one client workspace after `|`')
  .transform(([admin, ...clients]) => ({ admin, clients }));

export const DEFAULT_SIM_AGENCIES =
  'sim_agency_9c4e1a7b3d5f2e80:Northwind Agency:31:8|Bluebird Dental:37:60|Cobalt Legal:41:45|Driftwood Cafe:43:30|Ember Fitness:47:12:pending|Fjord Realty:53:12:rejected';

export const DEFAULT_SIM_WORKSPACES =
  'sim_acme_2f9d4c61b8e04a7f:Acme Outreach:7:300,sim_globex_8b31e0d2c94f4e15:Globex Growth:11:150';

const jsonFaults = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON array of fault rules' });
      return z.NEVER;
    }
  })
  .pipe(faultRulesSchema);

/** `name` or `name:port` entries, comma-separated: the Host values this server answers for. */
const hostEntry = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/,
    'each entry must be a host name or address, optionally with :port',
  );

export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
    INSTANTLY_API_BASE_URL: z
      .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
      .default('https://api.instantly.ai')
      .transform((url) => url.replace(/\/+$/, '')),
    INSTANTLY_API_KEY: z.string().min(8).optional(),
    INSTANTLY_API_LABEL: z.string().min(1).max(60).default('Server workspace'),
    DASHBOARD_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    /** The secret before a rotation: still opens cookies sealed with it; new ones use DASHBOARD_SECRET. */
    DASHBOARD_SECRET_PREVIOUS: z.string().min(32, 'must be at least 32 characters').optional(),
    DATA_DIR: z.string().min(1).default('.data'),
    /**
     * PostgreSQL for several instances (`postgres://user:password@host:5432/db`). Unset: SQLite in
     * DATA_DIR/fleet.db, for one instance.
     */
    DATABASE_URL: z
      .url({ protocol: /^postgres(ql)?$/, message: 'must be a postgres:// or postgresql:// URL' })
      .optional(),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: int(1, 65_535).default(3000),
    /**
     * Host headers this server answers for (defence against DNS rebinding). Unset: localhost forms and
     * HOST. Behind a proxy, list the public name (`fleet.example.com`).
     */
    ALLOWED_HOSTS: z
      .string()
      .transform((s) => s.split(',').filter((part) => part.trim() !== ''))
      .pipe(z.array(hostEntry).min(1))
      .optional(),
    DEMO_WORKSPACE: flag.default(true),
    RATE_LIMIT_PER_SECOND: int(1, 100).default(10),
    RATE_LIMIT_PER_MINUTE: int(1, 6000).default(600),
    /**
     * The shared cap of one admin key over all its client workspaces (calls made with x-as-workspace),
     * on top of each client's own budget: how Instantly counts those calls is not documented.
     */
    AGENCY_RATE_LIMIT_PER_SECOND: int(1, 100).default(10),
    AGENCY_RATE_LIMIT_PER_MINUTE: int(1, 6000).default(600),
    /**
     * Behind a reverse proxy: believe its X-Forwarded-For about who the client is. Off, the socket's
     * peer is the client, whatever the request claims (lib/cli/next-server.mjs).
     */
    TRUST_PROXY: flag.default(false),
    /** Key checks (each one call to Instantly) allowed per client, and for everyone together, a minute. */
    KEY_CHECKS_PER_MINUTE: int(1, 1000).default(5),
    KEY_CHECKS_PER_MINUTE_ALL: int(1, 10_000).default(30),
    UPSTREAM_READ_TIMEOUT_MS: int(100, 120_000).default(20_000),
    UPSTREAM_WRITE_TIMEOUT_MS: int(100, 120_000).default(15_000),
    /**
     * How long a person waits at most for an /api answer that calls Instantly: every attempt, backoff
     * and rate-budget wait inside one request shares it. Background work (syncs, bulk jobs) has its own.
     */
    REQUEST_DEADLINE_MS: int(1000, 300_000).default(20_000),
    /**
     * How long a bulk action's engine lease lasts without a heartbeat (renewed every third of it): after
     * a process dies, another takes the action over this long after its last renewal.
     */
    BULK_LEASE_TTL_MS: int(1000, 600_000).default(15_000),
    FLEET_SYNC_MAX_AGE_SECONDS: int(0, 86_400).default(300),
    /**
     * The background worker (scheduled syncs, bulk actions, daily tasks) runs inside every app process
     * unless off; then run it as its own process with `npm run worker`.
     */
    WORKER: z.enum(['on', 'off']).default('on'),
    /** How often the worker syncs every workspace (staggered over the interval). */
    FLEET_SYNC_INTERVAL_SECONDS: int(1, 86_400).default(900),
    SIM_SEED: int(0, 2 ** 31 - 1).default(42),
    SIM_ACCOUNTS: int(0, 20_000).default(500),
    SIM_JOB_SPEED: z.coerce.number().min(0.1).max(100_000).default(25),
    SIM_WORKSPACES: z
      .string()
      .default(DEFAULT_SIM_WORKSPACES)
      .transform((s) => s.split(',').filter((part) => part.trim() !== ''))
      .pipe(z.array(simWorkspaceSchema)),
    SIM_AGENCIES: z
      .string()
      .default(DEFAULT_SIM_AGENCIES)
      .transform((s) => s.split(',').filter((part) => part.trim() !== ''))
      .pipe(z.array(simAgencySchema)),
    /** The standalone simulator prints one JSON line per request (method, path, status, x-as-workspace). */
    SIM_LOG: flag.default(false),
    SIM_FAULTS: jsonFaults.optional(),
    SIM_CONTROL: flag.default(false),
    SIM_RATE_PER_SECOND: int(1, 100_000).default(100),
    SIM_RATE_PER_MINUTE: int(1, 1_000_000).default(6000),
    SIM_PORT: int(1, 65_535).default(3101),
    /**
     * Unattended installs and tests: when nobody has registered yet, the owner account is created with
     * these at start. Both or neither.
     */
    DASHBOARD_OWNER_EMAIL: emailSchema.optional(),
    DASHBOARD_OWNER_PASSWORD: passwordSchema.optional(),
    DASHBOARD_OWNER_NAME: personNameSchema.default('Owner'),
    /** Where people open the dashboard: alert messages link back to it (no trailing slash kept). */
    DASHBOARD_PUBLIC_URL: z
      .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
      .default('http://localhost:3000')
      .transform((url) => url.replace(/\/+$/, '')),
    /**
     * Tests and on-premise receivers only: let alert channels call http:// URLs and private, loopback
     * or link-local addresses. Off, every outbound alert call is https to a public address (no SSRF).
     */
    ALERTS_ALLOW_PRIVATE_URLS: flag.default(false),
    /** Channels from the environment (unattended installs): every workspace's alerts go to them. */
    ALERTS_WEBHOOK_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
    ALERTS_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').max(200).optional(),
    ALERTS_SLACK_WEBHOOK_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
    /** The mail server for every dashboard e-mail: invite links, and alerts with ALERTS_EMAIL_TO. */
    SMTP_URL: z.url({ protocol: /^smtps?$/, message: 'must be an smtp:// or smtps:// URL' }).optional(),
    /** The sender of every dashboard e-mail (alerts prefer ALERTS_EMAIL_FROM when it is set). */
    SMTP_FROM: z.email({ message: 'must be an e-mail address' }).optional(),
    ALERTS_EMAIL_TO: z
      .string()
      .transform((s) =>
        s
          .split(',')
          .map((part) => part.trim())
          .filter((part) => part !== ''),
      )
      .pipe(
        z
          .array(z.email({ message: 'must be e-mail addresses, comma-separated' }))
          .min(1)
          .max(20),
      )
      .optional(),
    ALERTS_EMAIL_FROM: z.email({ message: 'must be an e-mail address' }).optional(),
    /** The environment channels' morning digest: hour (0–23) in ALERTS_DIGEST_TIME_ZONE. */
    ALERTS_DIGEST_HOUR: int(0, 23).default(8),
    ALERTS_DIGEST_TIME_ZONE: z
      .string()
      .refine(isTimeZone, 'must be an IANA time zone such as Europe/Paris')
      .default('UTC'),
  })
  .refine((c) => (c.DASHBOARD_OWNER_EMAIL === undefined) === (c.DASHBOARD_OWNER_PASSWORD === undefined), {
    path: ['DASHBOARD_OWNER_PASSWORD'],
    message: 'set DASHBOARD_OWNER_EMAIL and DASHBOARD_OWNER_PASSWORD together',
  })
  .refine((c) => c.ALERTS_WEBHOOK_SECRET === undefined || c.ALERTS_WEBHOOK_URL !== undefined, {
    path: ['ALERTS_WEBHOOK_SECRET'],
    message: 'is used with ALERTS_WEBHOOK_URL: set both',
  })
  // SMTP_URL alone is fine (invite e-mails); alert e-mails need a server to go through.
  .refine((c) => c.ALERTS_EMAIL_TO === undefined || c.SMTP_URL !== undefined, {
    path: ['ALERTS_EMAIL_TO'],
    message: 'needs SMTP_URL, the mail server the alert e-mails go through: set both',
  })
  .refine((c) => c.SMTP_FROM === undefined || c.SMTP_URL !== undefined, {
    path: ['SMTP_FROM'],
    message: 'is used with SMTP_URL: set both',
  })
  .refine((c) => c.ALERTS_EMAIL_FROM === undefined || c.SMTP_URL !== undefined, {
    path: ['ALERTS_EMAIL_FROM'],
    message: 'is used with SMTP_URL: set both',
  });
export type Config = z.infer<typeof configSchema>;
export type SimWorkspaceConfig = Config['SIM_WORKSPACES'][number];
export type SimAgencyConfig = Config['SIM_AGENCIES'][number];

/** One line per bad variable, each naming it, for the start-up error. */
export function formatConfigError(error: z.ZodError): string {
  const lines = error.issues.map((issue) => `  ${String(issue.path[0] ?? '(config)')}: ${issue.message}`);
  return `Invalid configuration:\n${lines.join('\n')}`;
}

/** Parses an environment; empty strings count as unset, as in most .env tooling. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = configSchema.safeParse(cleaned);
  if (!result.success) throw new ConfigError(formatConfigError(result.error));
  return result.data;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}
