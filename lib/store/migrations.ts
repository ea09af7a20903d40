import 'server-only';

/**
 * Numbered, append-only migrations, applied in order at start inside one transaction each. Never edit
 * a migration that has shipped: add the next number.
 */
export const migrations: ReadonlyArray<{ id: number; name: string; sql: string }> = [
  {
    id: 1,
    name: 'fleet index, sync state, bulk actions',
    sql: `
      CREATE TABLE accounts (
        workspace_id   TEXT NOT NULL,
        email          TEXT NOT NULL,
        first_name     TEXT NOT NULL DEFAULT '',
        last_name      TEXT NOT NULL DEFAULT '',
        domain         TEXT NOT NULL,
        provider_code  INTEGER,
        status         INTEGER,
        warmup_status  INTEGER,
        warmup_score   INTEGER,
        daily_limit    INTEGER,
        sending_gap    INTEGER,
        warmup_limit   INTEGER,
        last_used_at   TEXT,
        created_at     TEXT,
        has_error      INTEGER NOT NULL DEFAULT 0,
        error_cause    TEXT,
        error_severity TEXT,
        error_summary  TEXT,
        error_stale    INTEGER NOT NULL DEFAULT 0,
        autofix_failed INTEGER,
        is_managed     INTEGER NOT NULL DEFAULT 0,
        status_message_json TEXT,
        tags_json      TEXT NOT NULL DEFAULT '[]',
        tag_labels     TEXT NOT NULL DEFAULT '',
        search_text    TEXT NOT NULL DEFAULT '',
        raw_json       TEXT NOT NULL,
        indexed_at     TEXT NOT NULL,
        PRIMARY KEY (workspace_id, email)
      ) WITHOUT ROWID;
      CREATE INDEX accounts_status ON accounts (workspace_id, status);
      CREATE INDEX accounts_warmup_status ON accounts (workspace_id, warmup_status);
      CREATE INDEX accounts_domain ON accounts (workspace_id, domain);
      CREATE INDEX accounts_cause ON accounts (workspace_id, error_cause);

      CREATE TABLE account_tags (
        workspace_id TEXT NOT NULL,
        email        TEXT NOT NULL,
        tag_id       TEXT NOT NULL,
        label        TEXT NOT NULL,
        PRIMARY KEY (workspace_id, email, tag_id)
      ) WITHOUT ROWID;
      CREATE INDEX account_tags_tag ON account_tags (workspace_id, tag_id);

      CREATE TABLE workspace_sync (
        workspace_id   TEXT PRIMARY KEY,
        state          TEXT NOT NULL,
        started_at     TEXT,
        finished_at    TEXT,
        synced_at      TEXT,
        pages          INTEGER NOT NULL DEFAULT 0,
        accounts_seen  INTEGER NOT NULL DEFAULT 0,
        requests       INTEGER NOT NULL DEFAULT 0,
        error          TEXT,
        problem_json   TEXT
      );

      -- A bulk action: one person's change over many accounts, recorded account by account.
      CREATE TABLE bulk_actions (
        id            TEXT PRIMARY KEY,
        kind          TEXT NOT NULL,
        params_json   TEXT NOT NULL DEFAULT '{}',
        status        TEXT NOT NULL,
        title         TEXT NOT NULL,
        total         INTEGER NOT NULL,
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL,
        finished_at   TEXT,
        retry_of      TEXT,
        last_error    TEXT
      );
      CREATE INDEX bulk_actions_created ON bulk_actions (created_at DESC);
      CREATE INDEX bulk_actions_status ON bulk_actions (status);

      -- Which workspaces an action touches (labels as the person saw them), so lists can be
      -- limited to the workspaces a browser holds keys for.
      CREATE TABLE bulk_action_workspaces (
        action_id     TEXT NOT NULL REFERENCES bulk_actions(id) ON DELETE CASCADE,
        workspace_id  TEXT NOT NULL,
        label         TEXT NOT NULL,
        count         INTEGER NOT NULL,
        PRIMARY KEY (action_id, workspace_id)
      ) WITHOUT ROWID;
      CREATE INDEX bulk_action_workspaces_workspace ON bulk_action_workspaces (workspace_id, action_id);

      CREATE TABLE bulk_action_items (
        action_id     TEXT NOT NULL REFERENCES bulk_actions(id) ON DELETE CASCADE,
        workspace_id  TEXT NOT NULL,
        email         TEXT NOT NULL,
        state         TEXT NOT NULL,
        error         TEXT,
        batch_id      TEXT,
        updated_at    TEXT NOT NULL,
        PRIMARY KEY (action_id, workspace_id, email)
      ) WITHOUT ROWID;
      CREATE INDEX bulk_action_items_state ON bulk_action_items (action_id, state);
      CREATE INDEX bulk_action_items_batch ON bulk_action_items (batch_id);
      CREATE INDEX bulk_action_items_account ON bulk_action_items (workspace_id, email, state);

      -- One Instantly background job (warmup kinds). next_poll_at is the next poll while running and
      -- "not before" while queued (a 409 from a job started elsewhere is retried later).
      CREATE TABLE bulk_action_batches (
        id              TEXT PRIMARY KEY,
        action_id       TEXT NOT NULL REFERENCES bulk_actions(id) ON DELETE CASCADE,
        workspace_id    TEXT NOT NULL,
        seq             INTEGER NOT NULL,
        all_emails      INTEGER NOT NULL DEFAULT 0,
        size            INTEGER NOT NULL,
        upstream_job_id TEXT,
        request_json    TEXT NOT NULL,
        before_json     TEXT,
        state           TEXT NOT NULL,
        progress        INTEGER NOT NULL DEFAULT 0,
        upstream_status TEXT,
        attempts        INTEGER NOT NULL DEFAULT 0,
        poll_failures   INTEGER NOT NULL DEFAULT 0,
        poll_interval_ms INTEGER NOT NULL DEFAULT 0,
        next_poll_at    TEXT,
        started_at      TEXT,
        finished_at     TEXT,
        error           TEXT,
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL
      );
      CREATE INDEX bulk_action_batches_action ON bulk_action_batches (action_id, seq);
      CREATE INDEX bulk_action_batches_state ON bulk_action_batches (workspace_id, state);
    `,
  },
  {
    id: 2,
    name: 'settings history and audit log',
    sql: `
      CREATE TABLE settings_history (
        workspace_id  TEXT NOT NULL,
        email         TEXT NOT NULL,
        observed_at   TEXT NOT NULL,
        daily_limit   INTEGER,
        sending_gap   INTEGER,
        warmup_limit  INTEGER,
        warmup_increment TEXT,
        warmup_reply_rate REAL,
        source        TEXT NOT NULL,
        PRIMARY KEY (workspace_id, email, observed_at)
      ) WITHOUT ROWID;

      -- Every change made through the dashboard: one entry per batch or per account action.
      CREATE TABLE audit_log (
        id            INTEGER PRIMARY KEY AUTOINCREMENT,
        at            TEXT NOT NULL,
        workspace_id  TEXT NOT NULL,
        action        TEXT NOT NULL,
        email_count   INTEGER NOT NULL,
        changes_json  TEXT NOT NULL DEFAULT '{}',
        bulk_action_id TEXT,
        upstream_job_id TEXT,
        outcome       TEXT NOT NULL,
        detail        TEXT
      );
      CREATE INDEX audit_log_workspace ON audit_log (workspace_id, at);
      CREATE INDEX audit_log_bulk_action ON audit_log (bulk_action_id);

      -- The accounts of an entry, each with its own outcome (a batch can partly fail) and, where
      -- they differ per account, its own old → new values.
      CREATE TABLE audit_log_accounts (
        audit_id      INTEGER NOT NULL REFERENCES audit_log(id) ON DELETE CASCADE,
        workspace_id  TEXT NOT NULL,
        email         TEXT NOT NULL,
        at            TEXT NOT NULL,
        outcome       TEXT NOT NULL,
        error         TEXT,
        changes_json  TEXT,
        PRIMARY KEY (workspace_id, email, at, audit_id)
      ) WITHOUT ROWID;
    `,
  },
  {
    id: 3,
    name: 'upstream JSON out of the fleet index rows',
    // Every facet count and sort scans the accounts table; with each account's full upstream JSON
    // inline, a 10,000-account scan read ~25 MB. The JSON is only needed one account at a time.
    sql: `
      CREATE TABLE account_raw (
        workspace_id TEXT NOT NULL,
        email        TEXT NOT NULL,
        raw_json     TEXT NOT NULL,
        PRIMARY KEY (workspace_id, email)
      ) WITHOUT ROWID;
      INSERT INTO account_raw (workspace_id, email, raw_json) SELECT workspace_id, email, raw_json FROM accounts;
      ALTER TABLE accounts DROP COLUMN raw_json;
    `,
  },
  {
    id: 4,
    name: 'revoked key cookies',
    // A key cookie carries its own id; forgetting a key revokes that id so copies of the old cookie
    // stop opening at once. Rows are kept only until the cookie would have expired anyway.
    sql: `
      CREATE TABLE revoked_sessions (
        sid        TEXT PRIMARY KEY,
        expires_at INTEGER NOT NULL
      ) WITHOUT ROWID;
    `,
  },
];
