import 'server-only';
import { getAccount, patchAccount } from '@/lib/instantly/accounts';
import type { InstantlyClient } from '@/lib/instantly/client';
import { InstantlyError } from '@/lib/instantly/errors';
import {
  type AccountDetail,
  type AccountSaveResponse,
  type AccountSettings,
  type AccountSettingsChanges,
  SETTINGS_LABELS,
  type SettingsField,
  UPSTREAM_FIELD_TO_SETTING,
  accountSettingsFormSchema,
  diffSettings,
  settingsOf,
  toUpstreamPatch,
} from '@/lib/schemas/api-account-detail';
import type { Account } from '@/lib/schemas/instantly-account';
import { toRecord, toRow } from '@/lib/store/account-record';
import {
  getIndexedAccount,
  getIndexedRaw,
  getIndexedSnapshot,
  upsertAccounts,
  upsertAccountsWithAudit,
} from '@/lib/store/accounts-index';
import { type AuditChanges, recordAudit } from '@/lib/store/audit-log';
import type { Db } from '@/lib/store/db';
import type { Actor } from './auth/actor';
import { syncStatus } from '@/lib/worker/sync';
import { seedDemoAccount } from './demo-history';
import { ProblemError, upstreamProblem } from './problem';
import type { ResolvedWorkspace } from './workspaces';
import { rereadVerdict, writeOutcomeUnknown } from './write-outcome';

// One account, read fresh from Instantly and changed through the settings form. The rules: a read
// updates the index (and thereby the settings history); a save sends only what changed, records the
// change in the audit log and the history, and turns Instantly's refusals into sentences.

export interface AccountContext {
  db: Db;
  workspace: Pick<ResolvedWorkspace, 'id' | 'label' | 'kind'>;
  client: InstantlyClient;
  signal?: AbortSignal;
  now?: () => Date;
}

/** A save's context: who saves is named on its audit entry. */
export type AccountSaveContext = AccountContext & { actor: Actor };

/** The audit log's verb for a save from the settings form. */
export const SETTINGS_AUDIT_ACTION = 'update-settings';

type Freshness = Pick<AccountDetail['freshness'], 'readAt' | 'source' | 'readProblem'>;

async function detailOf(ctx: AccountContext, account: Account, freshness: Freshness): Promise<AccountDetail> {
  const { db, workspace } = ctx;
  const row =
    (await getIndexedAccount(db, workspace.id, account.email)) ??
    toRow(toRecord(account, workspace.id, freshness.readAt));
  return {
    row,
    settings: settingsOf(account),
    workspace: { id: workspace.id, label: workspace.label, kind: workspace.kind },
    info: {
      warmupStartedAt: account.timestamp_warmup_start ?? null,
      updatedAt: account.timestamp_updated ?? null,
      trackingDomainStatus: account.tracking_domain_status ?? null,
      setupPending: account.setup_pending ?? null,
      dailyLimitMax: account.daily_limit_max ?? null,
      warmupLimitMax: account.warmup_limit_max ?? null,
    },
    freshness: { ...freshness, index: await syncStatus(db, workspace.id, workspace.label) },
  };
}

const fresh = (readAt: string): Freshness => ({ readAt, source: 'instantly', readProblem: null });

/**
 * Read failures that say nothing about the account itself (Instantly slow, down, rate limiting or
 * answering garbage): the indexed copy is still the best picture. A 404 or a rejected key is an
 * answer about the account or the key, and is shown as such.
 */
const INDEX_FALLBACK_KINDS: ReadonlySet<InstantlyError['kind']> = new Set([
  'timeout',
  'network',
  'server',
  'bad-response',
  'rate-limited',
  'edge-blocked',
  'edge-error',
]);

/**
 * GET: the account as Instantly has it now, written into the index (source `read`, so a value changed
 * outside the dashboard becomes a history point). A demo account is seeded first, so that its story
 * is in place before the read's own point would be compared with it.
 */
export async function readAccountDetail(ctx: AccountContext, email: string): Promise<AccountDetail> {
  let account: Account;
  try {
    account = await getAccount(ctx.client, email, ctx.signal);
  } catch (error) {
    // Instantly cannot be read right now: the page shows the indexed copy, its age and why.
    const indexed =
      error instanceof InstantlyError && INDEX_FALLBACK_KINDS.has(error.kind)
        ? await getIndexedSnapshot(ctx.db, ctx.workspace.id, email)
        : null;
    if (!indexed) throw error;
    return detailOf(ctx, indexed.account, {
      readAt: indexed.indexedAt,
      source: 'index',
      readProblem: upstreamProblem(error as InstantlyError),
    });
  }
  const readAt = (ctx.now?.() ?? new Date()).toISOString();
  await seedDemoAccount(ctx.db, ctx.workspace.id, account);
  await upsertAccounts(ctx.db, ctx.workspace.id, [account], { now: readAt, source: 'read' });
  return detailOf(ctx, account, fresh(readAt));
}

function nothingToSave(): ProblemError {
  return new ProblemError({
    type: 'nothing-to-save',
    title: 'Nothing to save',
    detail: 'Every value is the same as Instantly already has.',
    status: 400,
  });
}

/**
 * Validates a settings body with the form's schema and turns the first issue into a problem that names
 * the field in words ("Check the daily limit") and in code (`field`), for the form to place it.
 */
export function parseSettingsBody(body: unknown): AccountSettingsChanges {
  const parsed = accountSettingsFormSchema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const key = issue?.path[0];
  const field = typeof key === 'string' && key in SETTINGS_LABELS ? (key as SettingsField) : undefined;
  const unknownKey = issue?.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
  throw new ProblemError({
    type: 'invalid-input',
    title: field ? `Check the ${SETTINGS_LABELS[field].toLowerCase()}` : 'These settings cannot be saved',
    detail: unknownKey
      ? `"${unknownKey}" is not a setting this page can change.`
      : (issue?.message ?? 'The request was not valid.'),
    status: 400,
    // A body that is not an object at all still names where the problem is.
    field: field ?? unknownKey ?? 'body',
  });
}

function auditChanges(current: AccountSettings, changes: AccountSettingsChanges): AuditChanges {
  const out: AuditChanges = {};
  for (const [field, value] of Object.entries(changes) as Array<[SettingsField, unknown]>) {
    out[field] = { old: current[field], new: value };
  }
  return out;
}

/** The ways a PATCH can be refused that deserve more than the generic upstream wording. */
export function settingsProblem(error: InstantlyError): ProblemError | null {
  const upstream = {
    upstreamStatus: error.status ?? undefined,
    upstreamMessage: error.upstreamMessage ?? undefined,
  };
  switch (error.kind) {
    case 'conflict':
      return new ProblemError({
        type: 'upstream-conflict',
        title: 'A warmup job is changing this account right now',
        detail:
          'Instantly refuses settings changes while an update-warmup-accounts job for this account runs. Nothing was changed: try again in a few seconds, when the job has finished.',
        status: 409,
        ...upstream,
      });
    case 'not-found':
      return new ProblemError({
        type: 'upstream-not-found',
        title: 'Instantly has no such account',
        detail: 'It may have been deleted or moved to another workspace. Refresh the accounts table.',
        status: 404,
        ...upstream,
      });
    case 'bad-request': {
      const field = error.field ? UPSTREAM_FIELD_TO_SETTING[error.field] : undefined;
      return new ProblemError({
        type: 'upstream-bad-request',
        title: field
          ? `Instantly refused the ${SETTINGS_LABELS[field].toLowerCase()}`
          : 'Instantly refused these settings',
        detail: error.upstreamMessage ?? error.message,
        status: 400,
        field,
        ...upstream,
      });
    }
    case 'rate-limited': {
      const wait = error.retryAfterMs !== null ? Math.ceil(error.retryAfterMs / 1000) : undefined;
      // A 429 is a refusal before any work, so saying "nothing changed" is exact; the save is not
      // repeated on its own, so the generic "retrying shortly" would be wrong here.
      return new ProblemError({
        type: 'upstream-rate-limited',
        title: 'Instantly is rate limiting this workspace',
        detail: `Instantly refused the save ${error.attempts > 1 ? `${error.attempts} times ` : ''}before doing anything, so nothing was changed. Wait ${wait !== undefined ? `${wait} s` : 'a moment'} and save again.`,
        status: 429,
        retryAfterSeconds: wait,
        ...upstream,
      });
    }
    case 'aborted':
      return new ProblemError({
        type: 'upstream-aborted',
        title: 'The save was cut off',
        detail:
          'The change may or may not have reached Instantly. Reload the account to see what Instantly has now.',
        status: 499,
        ...upstream,
      });
    default:
      return null;
  }
}

/** The longest the re-read after an unclear write may take: the person is waiting on the Save button. */
export const REREAD_DEADLINE_MS = 5_000;

/** Why the write's answer is missing, as the first half of a sentence ("Instantly did not answer in time"). */
function lostAnswerTitle(error: unknown): string {
  if (!(error instanceof InstantlyError)) return 'The save failed unexpectedly';
  switch (error.kind) {
    case 'timeout':
      return 'Instantly did not answer in time';
    case 'network':
      return 'The connection to Instantly was cut';
    case 'server':
      return 'Instantly had an error';
    case 'edge-error':
      return "Instantly's edge answered with an error page";
    default:
      return 'Instantly answered with something unreadable';
  }
}

function describeCause(error: unknown): string {
  if (error instanceof InstantlyError && error.kind === 'server' && error.status !== null) {
    const said = error.upstreamMessage ? ` ("${error.upstreamMessage}")` : '';
    return `Instantly answered HTTP ${error.status}${said}`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\.$/, '');
}

function formatSetting(value: unknown): string {
  if (value === null || value === undefined) return 'not set';
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  return String(value);
}

/** "daily limit 40 (you asked for 47), sending gap 12 (as asked)": what the re-read shows, per changed field. */
function describeShown(fields: SettingsField[], shown: AccountSettings, changes: AccountSettingsChanges) {
  return fields
    .map((f) => {
      const now = shown[f];
      const wanted = changes[f];
      const value = `${SETTINGS_LABELS[f].toLowerCase()} ${formatSetting(now)}`;
      if (wanted === undefined) return value;
      return `${value} (${Object.is(now, wanted) ? 'as asked' : `you asked for ${formatSetting(wanted)}`})`;
    })
    .join(', ');
}

interface UnknownSave {
  current: Account;
  before: AccountSettings;
  changes: AccountSettingsChanges;
  changed: SettingsField[];
  error: unknown;
}

/**
 * A write whose answer was lost (timeout, reset, 5xx, unreadable body) is never sent again. Instead the
 * account is read back at once, inside the same request, and the answer says what that shows: saved
 * (every new value is there), not saved (every old value is), or not confirmed with what Instantly
 * shows now. The audit entry says the same, and the re-read goes into the index.
 */
async function settleUnknownSave(ctx: AccountSaveContext, save: UnknownSave): Promise<AccountSaveResponse> {
  const { db, workspace, client } = ctx;
  const { current, before, changes, changed, error } = save;
  const cause = describeCause(error);
  let reread: Account | null = null;
  let rereadError: unknown = null;
  try {
    // The re-read has REREAD_DEADLINE_MS of its own: the PATCH was held to end that much earlier.
    const rereadClient = client.withTimeBudget(REREAD_DEADLINE_MS);
    reread = await getAccount(rereadClient, current.email, ctx.signal);
  } catch (e) {
    rereadError = e;
  }
  const at = (ctx.now?.() ?? new Date()).toISOString();
  const shown = reread ? settingsOf(reread) : null;
  const verdict = shown
    ? rereadVerdict({ fields: changed, before, wanted: changes, now: shown, error })
    : 'unconfirmed';
  const upstream =
    error instanceof InstantlyError
      ? { upstreamStatus: error.status ?? undefined, upstreamMessage: error.upstreamMessage ?? undefined }
      : {};
  const auditDetail =
    verdict === 'applied'
      ? `${cause}; a re-read shows every new value`
      : verdict === 'not-applied'
        ? `${cause}; a re-read shows the old values`
        : shown
          ? `${cause}; not confirmed, a re-read shows ${describeShown(changed, shown, changes)}`
          : `${cause}; not confirmed, the re-read failed: ${describeCause(rereadError)}`;

  // An applied change is the dashboard's, so its history point says so; otherwise it is just a read.
  await upsertAccountsWithAudit(
    db,
    workspace.id,
    reread ? [reread] : [],
    { now: at, source: verdict === 'applied' ? 'dashboard' : 'read' },
    {
      workspaceId: workspace.id,
      action: SETTINGS_AUDIT_ACTION,
      emails: [current.email],
      changes: auditChanges(before, changes),
      outcome: verdict === 'applied' ? 'success' : verdict === 'not-applied' ? 'failed' : 'unknown',
      detail: auditDetail,
      actor: ctx.actor,
      at,
    },
  );

  if (verdict === 'applied' && reread)
    return { ...(await detailOf(ctx, reread, fresh(at))), changed, confirmedBy: 're-read' };
  const title = lostAnswerTitle(error);
  const status = error instanceof InstantlyError && error.kind === 'timeout' ? 504 : 502;
  if (verdict === 'not-applied') {
    throw new ProblemError({
      type: 'save-not-applied',
      title: `${title} — try again`,
      detail: `${cause}. Reading the account back shows the old values (${describeShown(changed, shown ?? before, {})}), so nothing was changed.`,
      status,
      writeOutcome: 'not-applied',
      ...upstream,
    });
  }
  throw new ProblemError({
    type: 'save-not-confirmed',
    title,
    detail: shown
      ? `${cause}. Here is what Instantly shows now: ${describeShown(changed, shown, changes)}. The change may still arrive; reload the account in a moment to check before saving again.`
      : `${cause}, and reading the account back failed too (${describeCause(rereadError)}). The change may or may not have been applied: reload the account in a moment to check.`,
    status,
    writeOutcome: 'unconfirmed',
    ...upstream,
  });
}

/**
 * PATCH: compares the requested values with what the index holds (the page was loaded from a fresh
 * read that updated it; an account never indexed is read first), sends only the changed fields, and
 * records the save. A request that changes nothing is refused with "nothing to save", without a call.
 * The PATCH is sent once (the client repeats it only after a 429, a refusal before any work).
 */
export async function saveAccountSettings(
  ctx: AccountSaveContext,
  email: string,
  requested: AccountSettingsChanges,
): Promise<AccountSaveResponse> {
  const { db, workspace, client } = ctx;
  if (Object.keys(requested).length === 0) throw nothingToSave();
  const current =
    (await getIndexedRaw(db, workspace.id, email)) ?? (await getAccount(client, email, ctx.signal));
  const before = settingsOf(current);
  const changes = diffSettings(before, requested);
  const changed = Object.keys(changes) as SettingsField[];
  if (changed.length === 0) throw nothingToSave();

  let answer: Account;
  try {
    // The write ends early enough to leave the re-read its time inside the person's deadline.
    const writeDeadline = client.deadline === undefined ? undefined : client.deadline - REREAD_DEADLINE_MS;
    answer = await patchAccount(
      client.withDeadline(writeDeadline),
      current.email,
      toUpstreamPatch(changes),
      ctx.signal,
    );
  } catch (error) {
    if (writeOutcomeUnknown(error))
      return settleUnknownSave(ctx, { current, before, changes, changed, error });
    const cancelled = error instanceof InstantlyError && error.kind === 'aborted';
    await recordAudit(db, {
      workspaceId: workspace.id,
      action: SETTINGS_AUDIT_ACTION,
      emails: [current.email],
      changes: auditChanges(before, changes),
      // Cancelled by the person (the page closed): it may have gone out, and nobody is left to re-read.
      outcome: cancelled ? 'unknown' : 'failed',
      detail: error instanceof Error ? error.message : String(error),
      actor: ctx.actor,
    });
    if (error instanceof InstantlyError) throw settingsProblem(error) ?? error;
    throw error;
  }
  const savedAt = (ctx.now?.() ?? new Date()).toISOString();
  // The answer, its history point and the audit entry are committed together or not at all.
  await upsertAccountsWithAudit(
    db,
    workspace.id,
    [answer],
    { now: savedAt, source: 'dashboard' },
    {
      workspaceId: workspace.id,
      action: SETTINGS_AUDIT_ACTION,
      emails: [answer.email],
      changes: auditChanges(before, changes),
      outcome: 'success',
      actor: ctx.actor,
      at: savedAt,
    },
  );
  return { ...(await detailOf(ctx, answer, fresh(savedAt))), changed, confirmedBy: 'answer' };
}
