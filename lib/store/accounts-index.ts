import 'server-only';
import type { AccountRow } from '@/lib/schemas/api-accounts';
import type { Account } from '@/lib/schemas/instantly-account';
import { type AccountRecord, domainOf, toRecord, toRow } from './account-record';
import { type AuditInput, recordAudit } from './audit-log';
import type { Db } from './connect';
import { bumpIndexVersions } from './query-cache';
import { type HistorySource, recordSettingsMany, snapshotOf } from './settings-history';
import { inTransaction } from './transaction';

// The fleet index's rows: written a page of Instantly's answer at a time, read one account at a time.
// Every write here bumps the workspace's index version in its own transaction (query-cache.ts).

/** Rows per multi-row statement: the accounts table has 26 columns, well under every parameter cap. */
const CHUNK = 500;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * How an answer was read: `list` (a GET /accounts row, which carries no warmup settings but
 * `advanced`) or `detail` (a one-account answer: GET, PATCH, pause/resume/mark-fixed). A list row
 * keeps the warmup settings the last detail read found; a detail read sets them and when they were read.
 */
export type AnswerKind = 'list' | 'detail';

export interface UpsertOptions {
  now?: string;
  source?: HistorySource;
  /** Default: `list` for a sync, `detail` for every other source. */
  kind?: AnswerKind;
}

const kindOf = (options: UpsertOptions): AnswerKind =>
  options.kind ?? ((options.source ?? 'sync') === 'sync' ? 'list' : 'detail');

/**
 * Writes accounts as Instantly answered them, in one transaction, and records a settings-history point
 * for every account whose limits changed. An account whose answer carried no tags (a single-account
 * GET) keeps the tags already indexed.
 */
export async function upsertAccounts(
  db: Db,
  workspaceId: string,
  accounts: readonly Account[],
  options: UpsertOptions = {},
): Promise<void> {
  if (accounts.length === 0) return;
  await inTransaction(db, (trx) => writeAccounts(trx, workspaceId, accounts, options));
}

/**
 * upsertAccounts (when `accounts` is non-empty) and an audit entry, in one transaction: an answer,
 * its history point and the audit entry that explains it are committed together or not at all.
 */
export async function upsertAccountsWithAudit(
  db: Db,
  workspaceId: string,
  accounts: readonly Account[],
  options: UpsertOptions,
  audit: AuditInput,
): Promise<number> {
  return inTransaction(db, async (trx) => {
    if (accounts.length > 0) await writeAccounts(trx, workspaceId, accounts, options);
    return recordAudit(trx, audit);
  });
}

/** An account as last indexed: its row and the answer it was made from. */
interface Indexed {
  record: AccountRecord;
  raw: string | null;
}

/** The indexed rows of `emails` (one read for every write: what a list row lacks, and what changed). */
async function indexedRows(db: Db, workspaceId: string, emails: readonly string[]) {
  const indexed = new Map<string, Indexed>();
  for (const part of chunks(emails)) {
    const rows = await db
      .selectFrom('accounts as a')
      .leftJoin('account_raw as r', (join) =>
        join.onRef('r.workspace_id', '=', 'a.workspace_id').onRef('r.email', '=', 'a.email'),
      )
      .selectAll('a')
      .select('r.raw_json')
      .where('a.workspace_id', '=', workspaceId)
      .where('a.email', 'in', part)
      .execute();
    for (const { raw_json, ...record } of rows) indexed.set(record.email, { record, raw: raw_json });
  }
  return indexed;
}

/** What a list row does not carry, taken from the account as last indexed. */
interface Kept {
  warmup: Account['warmup'];
  settingsReadAt: string | null;
}

function keptOf(indexed: Indexed | undefined): Kept | undefined {
  if (!indexed) return undefined;
  const raw = indexed.raw ? (JSON.parse(indexed.raw) as Account) : null;
  return { warmup: raw?.warmup, settingsReadAt: indexed.record.settings_read_at };
}

// When the index was written and when the settings were read are not part of what a row shows (the
// table only asks whether the settings were ever read); a row that differs in nothing else is
// unchanged, and its cached views stay valid.
const TIMESTAMPS: ReadonlySet<string> = new Set(['indexed_at', 'settings_read_at']);

function unchanged(record: AccountRecord, raw: string, indexed: Indexed | undefined): boolean {
  if (!indexed || indexed.raw !== raw) return false;
  if ((record.settings_read_at === null) !== (indexed.record.settings_read_at === null)) return false;
  return (Object.keys(record) as Array<keyof AccountRecord>).every(
    (key) => TIMESTAMPS.has(key) || record[key] === indexed.record[key],
  );
}

/** A list row with the warmup settings of the last detail read under what the row itself says. */
function mergeListRow(row: Account, kept: Kept | undefined): Account {
  if (!kept?.warmup) return row;
  const warmup = { ...kept.warmup, ...(row.warmup ?? {}) };
  return { ...row, warmup };
}

/** The body of upsertAccounts; `db` is already a transaction. */
async function writeAccounts(
  db: Db,
  workspaceId: string,
  answered: readonly Account[],
  options: UpsertOptions,
): Promise<void> {
  const now = options.now ?? new Date().toISOString();
  const kind = kindOf(options);
  // One row per email (the last answer wins): a multi-row upsert may not touch a row twice.
  const unique = [...new Map(answered.map((a) => [a.email, a])).values()];
  const indexed = await indexedRows(
    db,
    workspaceId,
    unique.map((a) => a.email),
  );
  const kept = (email: string) => (kind === 'list' ? keptOf(indexed.get(email)) : undefined);
  const merged = kind === 'list' ? unique.map((a) => mergeListRow(a, kept(a.email))) : unique;
  const settingsReadAt = (email: string) => (kind === 'detail' ? now : (kept(email)?.settingsReadAt ?? null));
  const tagsKnown = (a: Account) => a.tags !== undefined && a.tags !== null;
  const written = merged.map((account) => {
    const before = indexed.get(account.email)?.record;
    const record: AccountRecord = {
      ...toRecord(account, workspaceId, now),
      // An answer without tags (a single-account GET) keeps the tags already indexed.
      ...(!tagsKnown(account) && before
        ? { tags_json: before.tags_json, tag_labels: before.tag_labels }
        : {}),
      settings_read_at: settingsReadAt(account.email),
    };
    return { account, record, raw: JSON.stringify(account) };
  });
  // Only the timestamps of an unchanged account move: no history point, no new index version (a
  // periodic sync of a quiet fleet, or opening an account page, leaves every cached view valid).
  const same = written.filter((w) => unchanged(w.record, w.raw, indexed.get(w.account.email)));
  for (const part of chunks(same.map((w) => w.account.email))) {
    await db
      .updateTable('accounts')
      .set(kind === 'detail' ? { indexed_at: now, settings_read_at: now } : { indexed_at: now })
      .where('workspace_id', '=', workspaceId)
      .where('email', 'in', part)
      .execute();
  }
  const sameEmails = new Set(same.map((w) => w.account.email));
  const changed = written.filter((w) => !sameEmails.has(w.account.email));
  if (changed.length === 0) return;
  const accounts = changed.map((w) => w.account);
  const records = changed.map((w) => w.record);
  for (const part of chunks(records)) {
    await db
      .insertInto('accounts')
      .values(part)
      .onConflict((oc) =>
        oc.columns(['workspace_id', 'email']).doUpdateSet((eb) => ({
          first_name: eb.ref('excluded.first_name'),
          last_name: eb.ref('excluded.last_name'),
          domain: eb.ref('excluded.domain'),
          provider_code: eb.ref('excluded.provider_code'),
          status: eb.ref('excluded.status'),
          warmup_status: eb.ref('excluded.warmup_status'),
          warmup_score: eb.ref('excluded.warmup_score'),
          daily_limit: eb.ref('excluded.daily_limit'),
          sending_gap: eb.ref('excluded.sending_gap'),
          warmup_limit: eb.ref('excluded.warmup_limit'),
          last_used_at: eb.ref('excluded.last_used_at'),
          created_at: eb.ref('excluded.created_at'),
          has_error: eb.ref('excluded.has_error'),
          error_cause: eb.ref('excluded.error_cause'),
          error_severity: eb.ref('excluded.error_severity'),
          error_summary: eb.ref('excluded.error_summary'),
          error_stale: eb.ref('excluded.error_stale'),
          autofix_failed: eb.ref('excluded.autofix_failed'),
          is_managed: eb.ref('excluded.is_managed'),
          status_message_json: eb.ref('excluded.status_message_json'),
          tags_json: eb.ref('excluded.tags_json'),
          tag_labels: eb.ref('excluded.tag_labels'),
          search_text: eb.ref('excluded.search_text'),
          indexed_at: eb.ref('excluded.indexed_at'),
          unreadable_reason: eb.ref('excluded.unreadable_reason'),
          settings_read_at: eb.ref('excluded.settings_read_at'),
        })),
      )
      .execute();
  }
  for (const part of chunks(changed)) {
    await db
      .insertInto('account_raw')
      .values(part.map((w) => ({ workspace_id: workspaceId, email: w.account.email, raw_json: w.raw })))
      .onConflict((oc) =>
        oc
          .columns(['workspace_id', 'email'])
          .doUpdateSet((eb) => ({ raw_json: eb.ref('excluded.raw_json') })),
      )
      .execute();
  }
  const tagged = accounts.filter(tagsKnown);
  for (const part of chunks(tagged.map((a) => a.email))) {
    await db
      .deleteFrom('account_tags')
      .where('workspace_id', '=', workspaceId)
      .where('email', 'in', part)
      .execute();
  }
  const tags = tagged.flatMap((a) =>
    (a.tags ?? []).map((tag) => ({
      workspace_id: workspaceId,
      email: a.email,
      tag_id: tag.id,
      label: tag.label ?? tag.id,
    })),
  );
  for (const part of chunks(tags)) {
    await db
      .insertInto('account_tags')
      .values(part)
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  // Settings history comes from detail reads: a list row's warmup settings are only what the last
  // detail read found, so an account never read in detail gets no point from a list (it would say
  // "no warmup limit" where the truth is "not read yet"); once read, a list row can still move its
  // daily limit or sending gap, which lists do carry.
  const observed = accounts.filter((a) => settingsReadAt(a.email) !== null);
  await recordSettingsMany(
    db,
    workspaceId,
    observed.map((account) => ({ email: account.email, snapshot: snapshotOf(account) })),
    now,
    options.source ?? 'sync',
  );
  await bumpIndexVersions(db, [workspaceId]);
}

/**
 * Marks list rows that could not be read. The row is kept (a new one with only its email), its last
 * readable values stay, and the table shows it as unreadable with the reason; the next readable answer
 * clears the mark. Rows without an email cannot be kept and are left out by the caller.
 */
export async function markUnreadable(
  db: Db,
  workspaceId: string,
  rows: ReadonlyArray<{ email: string; reason: string }>,
  now: string,
): Promise<void> {
  if (rows.length === 0) return;
  const unique = [...new Map(rows.map((r) => [r.email, r])).values()];
  await inTransaction(db, async (trx) => {
    for (const part of chunks(unique)) {
      await trx
        .insertInto('accounts')
        .values(
          part.map((r) => ({
            workspace_id: workspaceId,
            email: r.email,
            domain: domainOf(r.email),
            provider_code: null,
            status: null,
            warmup_status: null,
            warmup_score: null,
            daily_limit: null,
            sending_gap: null,
            warmup_limit: null,
            last_used_at: null,
            created_at: null,
            error_cause: null,
            error_severity: null,
            error_summary: null,
            autofix_failed: null,
            status_message_json: null,
            search_text: r.email.toLowerCase(),
            indexed_at: now,
            unreadable_reason: r.reason,
            settings_read_at: null,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['workspace_id', 'email']).doUpdateSet((eb) => ({
            unreadable_reason: eb.ref('excluded.unreadable_reason'),
            indexed_at: eb.ref('excluded.indexed_at'),
          })),
        )
        .execute();
    }
    await bumpIndexVersions(trx, [workspaceId]);
  });
}

export async function getIndexedAccount(
  db: Db,
  workspaceId: string,
  email: string,
): Promise<AccountRow | null> {
  const record = await db
    .selectFrom('accounts')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('email', '=', email)
    .executeTakeFirst();
  return record ? toRow(record) : null;
}

async function rawJsonOf(db: Db, workspaceId: string, email: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('account_raw')
    .select('raw_json')
    .where('workspace_id', '=', workspaceId)
    .where('email', '=', email)
    .executeTakeFirst();
  return row?.raw_json;
}

/** The upstream account as last indexed (for optimistic updates and history). */
export async function getIndexedRaw(db: Db, workspaceId: string, email: string): Promise<Account | null> {
  const raw = await rawJsonOf(db, workspaceId, email);
  return raw ? (JSON.parse(raw) as Account) : null;
}

/** The account as last indexed and when that was: what the page shows when Instantly cannot be read. */
export async function getIndexedSnapshot(
  db: Db,
  workspaceId: string,
  email: string,
): Promise<{ account: Account; indexedAt: string } | null> {
  const row = await db
    .selectFrom('accounts as a')
    .innerJoin('account_raw as r', (join) =>
      join.onRef('r.workspace_id', '=', 'a.workspace_id').onRef('r.email', '=', 'a.email'),
    )
    .select(['a.indexed_at', 'r.raw_json'])
    .where('a.workspace_id', '=', workspaceId)
    .where('a.email', '=', email)
    .executeTakeFirst();
  return row ? { account: JSON.parse(row.raw_json) as Account, indexedAt: row.indexed_at } : null;
}

/** Deletes the accounts' rows from every index table; returns how many accounts rows went. */
async function deleteAccounts(db: Db, workspaceId: string, emails: readonly string[]): Promise<number> {
  let removed = 0;
  for (const part of chunks(emails)) {
    await db
      .deleteFrom('account_tags')
      .where('workspace_id', '=', workspaceId)
      .where('email', 'in', part)
      .execute();
    await db
      .deleteFrom('account_raw')
      .where('workspace_id', '=', workspaceId)
      .where('email', 'in', part)
      .execute();
    const result = await db
      .deleteFrom('accounts')
      .where('workspace_id', '=', workspaceId)
      .where('email', 'in', part)
      .executeTakeFirst();
    removed += Number(result.numDeletedRows);
  }
  return removed;
}

export async function removeAccount(db: Db, workspaceId: string, email: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    await deleteAccounts(trx, workspaceId, [email]);
    await bumpIndexVersions(trx, [workspaceId]);
  });
}

export async function countIndexed(db: Db, workspaceId: string): Promise<number> {
  const row = await db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Removes every account of the workspace not in `seen` (after a complete walk). Returns how many. */
export async function removeAccountsNotSeen(
  db: Db,
  workspaceId: string,
  seen: ReadonlySet<string>,
): Promise<number> {
  return inTransaction(db, async (trx) => {
    // The workspace's emails are read and compared here rather than sent as a NOT IN list: a walk
    // sees thousands, more than one statement may carry, and it is the same on both databases.
    const emailsIn = async (table: 'accounts' | 'account_raw' | 'account_tags') =>
      (
        await trx
          .selectFrom(table)
          .select('email')
          .distinct()
          .where('workspace_id', '=', workspaceId)
          .execute()
      ).map((r) => r.email);
    const gone = new Set<string>();
    for (const table of ['accounts', 'account_raw', 'account_tags'] as const) {
      for (const email of await emailsIn(table)) if (!seen.has(email)) gone.add(email);
    }
    if (gone.size === 0) return 0;
    const removed = await deleteAccounts(trx, workspaceId, [...gone]);
    await bumpIndexVersions(trx, [workspaceId]);
    return removed;
  });
}

/** Every indexed email of a workspace, sorted (for background work that walks the whole fleet). */
export async function indexedEmails(db: Db, workspaceId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('accounts')
    .select('email')
    .where('workspace_id', '=', workspaceId)
    .orderBy('email')
    .execute();
  return rows.map((r) => r.email);
}

/**
 * Up to `limit` emails whose settings are due for a read of the account itself: never read first
 * (list rows carry no warmup settings), then those read before `staleBefore`, oldest first.
 */
export async function accountsDueForSettingsRead(
  db: Db,
  workspaceId: string,
  staleBefore: string,
  limit: number,
): Promise<string[]> {
  const never = await db
    .selectFrom('accounts')
    .select('email')
    .where('workspace_id', '=', workspaceId)
    .where('settings_read_at', 'is', null)
    .orderBy('email')
    .limit(limit)
    .execute();
  if (never.length >= limit) return never.map((r) => r.email);
  const stale = await db
    .selectFrom('accounts')
    .select('email')
    .where('workspace_id', '=', workspaceId)
    .where('settings_read_at', '<', staleBefore)
    .orderBy('settings_read_at')
    .orderBy('email')
    .limit(limit - never.length)
    .execute();
  return [...never, ...stale].map((r) => r.email);
}
