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
import { getIndexedAccount, getIndexedRaw, upsertAccounts } from '@/lib/store/accounts-index';
import { type AuditChanges, type AuditOutcome, recordAudit } from '@/lib/store/audit-log';
import type { Db } from '@/lib/store/db';
import { syncStatus } from '@/lib/store/sync';
import { seedDemoAccount } from './demo-history';
import { ProblemError } from './problem';
import type { ResolvedWorkspace } from './workspaces';

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

/** The audit log's verb for a save from the settings form. */
export const SETTINGS_AUDIT_ACTION = 'update-settings';

function detailOf(ctx: AccountContext, account: Account, readAt: string): AccountDetail {
  const { db, workspace } = ctx;
  const row =
    getIndexedAccount(db, workspace.id, account.email) ?? toRow(toRecord(account, workspace.id, readAt));
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
    freshness: { readAt, index: syncStatus(db, workspace.id, workspace.label) },
  };
}

/**
 * GET: the account as Instantly has it now, written into the index (source `read`, so a value changed
 * outside the dashboard becomes a history point). A demo account is seeded first, so that its story
 * is in place before the read's own point would be compared with it.
 */
export async function readAccountDetail(ctx: AccountContext, email: string): Promise<AccountDetail> {
  const account = await getAccount(ctx.client, email, ctx.signal);
  const readAt = (ctx.now?.() ?? new Date()).toISOString();
  seedDemoAccount(ctx.db, ctx.workspace.id, account);
  upsertAccounts(ctx.db, ctx.workspace.id, [account], { now: readAt, source: 'read' });
  return detailOf(ctx, account, readAt);
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

/** The ways a PATCH can fail that deserve more than the generic upstream wording. */
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
    case 'timeout':
    case 'network':
    case 'aborted':
      return new ProblemError({
        type: `upstream-${error.kind}`,
        title: error.kind === 'timeout' ? 'Instantly did not answer in time' : 'The save was cut off',
        detail:
          'The change may or may not have reached Instantly (a save is never retried blindly). Reload the account to see what Instantly has now.',
        status: error.kind === 'timeout' ? 504 : 502,
        ...upstream,
      });
    default:
      return null;
  }
}

function outcomeOf(error: unknown): AuditOutcome {
  // A write that timed out or lost its connection may have been applied: say so instead of guessing.
  return error instanceof InstantlyError &&
    (error.kind === 'timeout' || error.kind === 'network' || error.kind === 'aborted')
    ? 'unknown'
    : 'failed';
}

/**
 * PATCH: compares the requested values with what the index holds (the page was loaded from a fresh
 * read that updated it; an account never indexed is read first), sends only the changed fields, and
 * records the save. A request that changes nothing is refused with "nothing to save", without a call.
 */
export async function saveAccountSettings(
  ctx: AccountContext,
  email: string,
  requested: AccountSettingsChanges,
): Promise<AccountSaveResponse> {
  const { db, workspace, client } = ctx;
  if (Object.keys(requested).length === 0) throw nothingToSave();
  const current = getIndexedRaw(db, workspace.id, email) ?? (await getAccount(client, email, ctx.signal));
  const before = settingsOf(current);
  const changes = diffSettings(before, requested);
  const changed = Object.keys(changes) as SettingsField[];
  if (changed.length === 0) throw nothingToSave();

  let answer: Account;
  try {
    answer = await patchAccount(client, current.email, toUpstreamPatch(changes), ctx.signal);
  } catch (error) {
    recordAudit(db, {
      workspaceId: workspace.id,
      action: SETTINGS_AUDIT_ACTION,
      emails: [current.email],
      changes: auditChanges(before, changes),
      outcome: outcomeOf(error),
      detail: error instanceof Error ? error.message : String(error),
    });
    if (error instanceof InstantlyError) throw settingsProblem(error) ?? error;
    throw error;
  }
  const savedAt = (ctx.now?.() ?? new Date()).toISOString();
  // The answer, its history point and the audit entry are committed together or not at all.
  db.transaction(() => {
    upsertAccounts(db, workspace.id, [answer], { now: savedAt, source: 'dashboard' });
    recordAudit(db, {
      workspaceId: workspace.id,
      action: SETTINGS_AUDIT_ACTION,
      emails: [answer.email],
      changes: auditChanges(before, changes),
      outcome: 'success',
      at: savedAt,
    });
  })();
  return { ...detailOf(ctx, answer, savedAt), changed };
}
