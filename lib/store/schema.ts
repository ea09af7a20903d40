import type { ColumnType, Generated } from 'kysely';

// The tables as Kysely sees them: the one description of every column's type, from which every row
// type in lib/store is derived (Selectable / Insertable). The DDL that creates them is in
// migrations.ts; a column added there is added here in the same commit.
//
// Conventions that keep one set of queries valid on SQLite and PostgreSQL:
// - times people read are ISO-8601 text (they sort as text on both);
// - times used for arithmetic (leases, budgets, cookie expiry) are epoch milliseconds in BIGINT,
//   read back as numbers (lib/store/connect.ts sets the int8 parser);
// - booleans are INTEGER 0/1, as SQLite stores them.

/** A column with a default: optional on insert. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface AccountsTable {
  workspace_id: string;
  email: string;
  first_name: Defaulted<string>;
  last_name: Defaulted<string>;
  domain: string;
  provider_code: number | null;
  status: number | null;
  warmup_status: number | null;
  warmup_score: number | null;
  daily_limit: number | null;
  sending_gap: number | null;
  warmup_limit: number | null;
  last_used_at: string | null;
  created_at: string | null;
  has_error: Defaulted<number>;
  error_cause: string | null;
  error_severity: string | null;
  error_summary: string | null;
  error_stale: Defaulted<number>;
  autofix_failed: number | null;
  is_managed: Defaulted<number>;
  status_message_json: string | null;
  tags_json: Defaulted<string>;
  tag_labels: Defaulted<string>;
  search_text: Defaulted<string>;
  indexed_at: string;
  /** Why the last list row of this account could not be read; null when it could. */
  unreadable_reason: string | null;
  /** When the settings were last read from a one-account GET (list rows carry no warmup settings). */
  settings_read_at: string | null;
}

/** Each account's full upstream JSON, read one account at a time (kept out of the scanned table). */
export interface AccountRawTable {
  workspace_id: string;
  email: string;
  raw_json: string;
}

export interface AccountTagsTable {
  workspace_id: string;
  email: string;
  tag_id: string;
  label: string;
}

export interface WorkspaceSyncTable {
  workspace_id: string;
  state: string;
  started_at: string | null;
  finished_at: string | null;
  synced_at: string | null;
  pages: Defaulted<number>;
  accounts_seen: Defaulted<number>;
  requests: Defaulted<number>;
  error: string | null;
  problem_json: string | null;
  /** Failed syncs in a row (0 once one succeeds); retry_at: when the next automatic one may start. */
  failures: Defaulted<number>;
  retry_at: number | null;
  last_started_at: number | null;
}

export interface BulkActionsTable {
  id: string;
  kind: string;
  params_json: Defaulted<string>;
  status: string;
  title: string;
  total: number;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
  retry_of: string | null;
  last_error: string | null;
  /** Who made it (lib/store/actor.ts): the person's id (null: the open demo, the worker) and name then. */
  actor_id: string | null;
  actor_name: string;
}

export interface BulkActionWorkspacesTable {
  action_id: string;
  workspace_id: string;
  label: string;
  count: number;
}

export interface BulkActionItemsTable {
  action_id: string;
  workspace_id: string;
  email: string;
  state: string;
  error: string | null;
  batch_id: string | null;
  updated_at: string;
}

export interface BulkActionBatchesTable {
  id: string;
  action_id: string;
  workspace_id: string;
  seq: number;
  all_emails: Defaulted<number>;
  size: number;
  upstream_job_id: string | null;
  request_json: string;
  before_json: string | null;
  state: string;
  progress: Defaulted<number>;
  upstream_status: string | null;
  attempts: Defaulted<number>;
  poll_failures: Defaulted<number>;
  poll_interval_ms: Defaulted<number>;
  next_poll_at: string | null;
  started_at: string | null;
  finished_at: string | null;
  error: string | null;
  created_at: string;
  updated_at: string;
}

export interface SettingsHistoryTable {
  workspace_id: string;
  email: string;
  observed_at: string;
  daily_limit: number | null;
  sending_gap: number | null;
  warmup_limit: number | null;
  warmup_increment: string | null;
  warmup_reply_rate: number | null;
  source: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  workspace_id: string;
  action: string;
  email_count: number;
  changes_json: Defaulted<string>;
  bulk_action_id: string | null;
  upstream_job_id: string | null;
  outcome: string;
  detail: string | null;
  /** Who made it (lib/store/actor.ts): the person's id (null: the open demo, the worker) and name then. */
  actor_id: string | null;
  actor_name: string;
}

export interface AuditLogAccountsTable {
  audit_id: number;
  workspace_id: string;
  email: string;
  at: string;
  outcome: string;
  error: string | null;
  changes_json: string | null;
}

export interface RevokedSessionsTable {
  sid: string;
  /** Epoch milliseconds. */
  expires_at: number;
}

/**
 * Work that one process at a time may do (a workspace's sync, a bulk action's engine): held by
 * `owner` until `expires_at` (epoch ms), renewed by a heartbeat, taken over once it lapses.
 */
/** A process running the worker, and when it last beat (status page; "no worker" warning). */
export interface WorkerHeartbeatsTable {
  process_id: string;
  started_at: number;
  beat_at: number;
  version: string;
}

/** When a periodic task of a workspace is due next (moving next_at is the claim), and how it went. */
export interface WorkerScheduleTable {
  task: string;
  workspace_id: string;
  next_at: number;
  last_started_at: number | null;
  last_finished_at: number | null;
  last_error: string | null;
  last_error_at: number | null;
}

export interface LeasesTable {
  name: string;
  owner: string;
  expires_at: number;
  acquired_at: number;
}

/**
 * A workspace's request budget shared by every process: two token buckets (per second, per
 * minute) refilled by elapsed time, and a pause after a 429. Times in epoch ms.
 */
export interface RateBudgetsTable {
  bucket: string;
  second_tokens: number;
  minute_tokens: number;
  refilled_at: number;
  paused_until: Defaulted<number>;
}

/** Bumped in the transaction of every write to a workspace's index rows: caches compare it. */
export interface IndexVersionsTable {
  workspace_id: string;
  version: number;
}

/**
 * One UTC day of one account's warmup as Instantly's warmup analytics reported it (the latest fetch
 * of that day wins). `email` is lower-cased. Counters are real zeros on days inside the span Instantly
 * answered for (it lists only days with sends); a day with no row is unknown.
 */
export interface WarmupDailyTable {
  workspace_id: string;
  email: string;
  /** YYYY-MM-DD, UTC. */
  day: string;
  sent: number;
  landed_inbox: number;
  landed_spam: number;
  received: number;
  /** Instantly's health score as of that day, when a fetch on that day carried one; else null. */
  health_score: number | null;
  fetched_at: string;
}

/** The daily fetch of a workspace's warmup analytics: one row per UTC day, the last run's outcome. */
export interface WarmupDailyRunsTable {
  workspace_id: string;
  day: string;
  finished_at: string;
  accounts: number;
  calls: number;
  failed_calls: number;
  failed_emails: number;
  /** The first failure in words, when a call failed. */
  error: string | null;
}

/**
 * An Instantly workspace whose key is kept on the server. `sealed_key` is the key sealed under the
 * server secret (keyring `v1.<key id>.<…>`, purpose bound to `id`); nothing else holds the key.
 */
/** An admin key whose Instantly workspace group the dashboard follows (migration 22). */
export interface WorkspaceGroupsTable {
  /** The admin's vault row id, or `server` for INSTANTLY_API_KEY. */
  admin_id: string;
  /** 1: accepted clients that join the group later are added at the next sync. */
  auto_add: Generated<number>;
  /** When the group's members were last listed (ms). */
  listed_at: number | null;
}

/** A client (sub) workspace served by an admin key with x-as-workspace (migration 22). */
export interface GroupWorkspacesTable {
  /** Our workspace id, `ws_<Instantly sub workspace id>`. */
  id: string;
  admin_id: string;
  /** Instantly's id of the sub workspace: the x-as-workspace value. */
  sub_workspace_id: string;
  name: string;
  label: string;
  added_by_id: string;
  added_by_name: string;
  added_at: string;
  /** Instantly no longer lists it as accepted (ms): kept, shown as left, never called. */
  left_at: number | null;
  /** A person removed it (ms): not added again by auto-add. */
  removed_at: number | null;
}

export interface VaultWorkspacesTable {
  /** `ws_<Instantly workspace id>`. */
  id: string;
  /** The name Instantly gives the workspace. */
  name: string;
  label: string;
  sealed_key: string;
  /** The sealing key's id, as in `sealed_key`: rows under a previous secret are found by it. */
  sealing_key_id: string;
  key_last4: string;
  /** Who added it (or moved it from their browser's cookie): a person's id, and their name then. */
  added_by_id: string;
  added_by_name: string;
  /** ISO-8601. */
  added_at: string;
}

/**
 * A time or flag column of better-auth's tables (migration 8): it binds Date and boolean natively
 * on PostgreSQL, ISO-8601 text and 0/1 on SQLite. Our code writes them through authTime/authFlag
 * in lib/store/people.ts.
 */
export type AuthTime = Date | string;
export type AuthFlag = boolean | number;

/** A person who may sign in; the better-auth "user" model plus our role and workspace limits. */
export interface PeopleTable {
  id: string;
  name: string;
  email: string;
  email_verified: ColumnType<AuthFlag, AuthFlag | undefined, AuthFlag>;
  image: string | null;
  created_at: AuthTime;
  updated_at: AuthTime;
  role: Defaulted<string>;
  /** 0: every workspace; 1: only the person's rows in person_workspaces. */
  workspaces_limited: Defaulted<number>;
}

/** better-auth's sessions: one row per signed-in browser (the cookie holds the signed token). */
export interface AuthSessionsTable {
  id: string;
  expires_at: AuthTime;
  token: string;
  created_at: AuthTime;
  updated_at: AuthTime;
  ip_address: string | null;
  user_agent: string | null;
  user_id: string;
}

/** better-auth's credentials: for e-mail + password, provider_id 'credential' and the password hash. */
export interface AuthAccountsTable {
  id: string;
  account_id: string;
  provider_id: string;
  user_id: string;
  access_token: string | null;
  refresh_token: string | null;
  id_token: string | null;
  access_token_expires_at: AuthTime | null;
  refresh_token_expires_at: AuthTime | null;
  scope: string | null;
  password: string | null;
  created_at: AuthTime;
  updated_at: AuthTime;
}

export interface AuthVerificationsTable {
  id: string;
  identifier: string;
  value: string;
  expires_at: AuthTime;
  created_at: AuthTime;
  updated_at: AuthTime;
}

export interface PersonWorkspacesTable {
  person_id: string;
  workspace_id: string;
}

/** One invite link; the token itself is never stored, only its SHA-256. Times in epoch ms. */
export interface InvitesTable {
  id: string;
  token_hash: string;
  role: string;
  workspace_ids_json: string | null;
  created_by: string | null;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  used_by: string | null;
  /** Epoch milliseconds an admin withdrew it (migration 16); null while it may be used. */
  withdrawn_at: Defaulted<number | null>;
}

export interface SignInFailuresTable {
  key: string;
  failures: number;
  window_started_at: number;
}

/** One alert event (lib/schemas/alert-event.ts) as JSON; created_at in epoch ms orders the queue. */
/** A channel alerts are delivered to (migration 15); its secrets sealed, bound to its id. */
export interface AlertChannelsTable {
  id: string;
  kind: string;
  name: string;
  /** null: every workspace. */
  workspace_ids_json: string | null;
  severities_json: string;
  digest_hour: number;
  time_zone: string;
  quiet_start: number | null;
  quiet_end: number | null;
  /** What may be shown: the host a URL points at, e-mail recipients and sender. */
  settings_json: string;
  sealed_secrets: string;
  sealing_key_id: string;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** Where each channel (environment ones too) stopped reading the alert event queue. */
export interface AlertChannelCursorsTable {
  channel_id: string;
  created_at: number;
  event_id: string;
}

/** One event a channel takes, or one digest; times in epoch ms. */
export interface AlertDeliveriesTable {
  id: string;
  channel_id: string;
  kind: string;
  event_id: string | null;
  alert_id: string | null;
  title: string;
  severity: string | null;
  /** now | digest: how the event goes out (a recovery follows its alert's). */
  route: string;
  /** An event held for a digest points at the digest's row. */
  digest_id: string | null;
  digest_day: string | null;
  events: Defaulted<number>;
  payload_json: string | null;
  status: string;
  attempts: Defaulted<number>;
  last_error: string | null;
  next_attempt_at: number | null;
  claimed_by: string | null;
  claimed_until: number | null;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
}

export interface AlertEventsTable {
  event_id: string;
  created_at: number;
  workspace_id: string;
  alert_id: string;
  kind: string;
  severity: string;
  payload_json: string;
}

/**
 * One alert (migration 14): a finding of a rule over a (workspace, rule, cause, scope), from the
 * moment it opened until it resolved. `open_key` is that key while open, null once resolved (the
 * unique index on it allows one open alert per key). Times in epoch ms.
 */
export interface AlertsTable {
  id: string;
  workspace_id: string;
  rule: string;
  cause: string;
  scope_kind: string;
  scope_value: string;
  open_key: string | null;
  severity: string;
  title: string;
  summary: string;
  /** The fix steps, a JSON array of strings. */
  fix_json: string;
  count: number;
  /** The first accounts covered (at most ALERT_EVENT_ACCOUNTS_MAX), a JSON array of emails. */
  accounts_json: string;
  /** The fleet-table filter that shows its accounts, a JSON object (URL vocabulary). */
  filter_json: string;
  opened_at: number;
  last_seen_at: number;
  /** When an event last went out for it (opened or reminder): the reminder clock starts here. */
  notified_at: number;
  resolved_at: number | null;
  /** How it closed: 'cleared' (its findings went away) or 'rule-off'. */
  resolution: string | null;
  acknowledged_at: number | null;
  /** The name of who acknowledged it. */
  acknowledged_by: string | null;
  snoozed_until: number | null;
  reminders: Defaulted<number>;
}

/** A workspace's alert settings (lib/schemas/alert-settings.ts) as JSON. */
export interface AlertSettingsTable {
  workspace_id: string;
  settings_json: string;
  /** ISO-8601. */
  updated_at: string;
  updated_by: string;
}

/** When a reader (`person:<id>`, or `demo` in the open demo) last opened the alerts inbox (epoch ms). */
export interface AlertInboxReadsTable {
  reader: string;
  seen_at: number;
}

/** Which migrations have run (lib/store/migrate.ts). */
export interface SchemaMigrationsTable {
  id: number;
  name: string;
  applied_at: string;
}

/** A named view of the accounts table (migration 25). owner_id '' is the open demo's visitor. */
export interface SavedViewsTable {
  id: string;
  owner_id: string;
  owner_name: string;
  name: string;
  /** The name lower-cased: names are unique per owner whatever their case. */
  name_key: string;
  /** The filters and sort as the page's URL query, canonical (lib/schemas/api-saved-views.ts). */
  search: string;
  /** Column visibility, JSON of { columnId: shown }. */
  columns_json: string;
  shared: Generated<number>;
  /** ISO-8601. */
  created_at: string;
  updated_at: string;
}

/** The view a person's /accounts opens on when its URL names no filter. */
export interface SavedViewDefaultsTable {
  person_id: string;
  view_id: string;
}

export interface Tables {
  schema_migrations: SchemaMigrationsTable;
  accounts: AccountsTable;
  account_raw: AccountRawTable;
  account_tags: AccountTagsTable;
  workspace_sync: WorkspaceSyncTable;
  bulk_actions: BulkActionsTable;
  bulk_action_workspaces: BulkActionWorkspacesTable;
  bulk_action_items: BulkActionItemsTable;
  bulk_action_batches: BulkActionBatchesTable;
  settings_history: SettingsHistoryTable;
  audit_log: AuditLogTable;
  audit_log_accounts: AuditLogAccountsTable;
  revoked_sessions: RevokedSessionsTable;
  leases: LeasesTable;
  worker_heartbeats: WorkerHeartbeatsTable;
  worker_schedule: WorkerScheduleTable;
  rate_budgets: RateBudgetsTable;
  index_versions: IndexVersionsTable;
  warmup_daily: WarmupDailyTable;
  warmup_daily_runs: WarmupDailyRunsTable;
  vault_workspaces: VaultWorkspacesTable;
  workspace_groups: WorkspaceGroupsTable;
  group_workspaces: GroupWorkspacesTable;
  people: PeopleTable;
  auth_sessions: AuthSessionsTable;
  auth_accounts: AuthAccountsTable;
  auth_verifications: AuthVerificationsTable;
  person_workspaces: PersonWorkspacesTable;
  invites: InvitesTable;
  sign_in_failures: SignInFailuresTable;
  alert_events: AlertEventsTable;
  alerts: AlertsTable;
  alert_settings: AlertSettingsTable;
  alert_inbox_reads: AlertInboxReadsTable;
  alert_channels: AlertChannelsTable;
  alert_channel_cursors: AlertChannelCursorsTable;
  alert_deliveries: AlertDeliveriesTable;
  saved_views: SavedViewsTable;
  saved_view_defaults: SavedViewDefaultsTable;
}
