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
        tags_json      TEXT NOT NULL DEFAULT '[]',
        tag_labels     TEXT NOT NULL DEFAULT '',
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
        error          TEXT
      );

      CREATE TABLE bulk_actions (
        id            TEXT PRIMARY KEY,
        kind          TEXT NOT NULL,
        params_json   TEXT NOT NULL DEFAULT '{}',
        status        TEXT NOT NULL,
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL,
        finished_at   TEXT,
        retry_of      TEXT,
        summary       TEXT NOT NULL DEFAULT ''
      );
      CREATE INDEX bulk_actions_created ON bulk_actions (created_at DESC);

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

      CREATE TABLE bulk_action_batches (
        id              TEXT PRIMARY KEY,
        action_id       TEXT NOT NULL REFERENCES bulk_actions(id) ON DELETE CASCADE,
        workspace_id    TEXT NOT NULL,
        upstream_job_id TEXT,
        request_json    TEXT NOT NULL,
        state           TEXT NOT NULL,
        progress        INTEGER NOT NULL DEFAULT 0,
        upstream_status TEXT,
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_poll_at    TEXT,
        error           TEXT,
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL
      );
      CREATE INDEX bulk_action_batches_action ON bulk_action_batches (action_id);
      CREATE INDEX bulk_action_batches_state ON bulk_action_batches (state);
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

      CREATE TABLE audit_log (
        id            INTEGER PRIMARY KEY AUTOINCREMENT,
        at            TEXT NOT NULL,
        workspace_id  TEXT NOT NULL,
        action        TEXT NOT NULL,
        emails_json   TEXT NOT NULL,
        email_count   INTEGER NOT NULL,
        changes_json  TEXT NOT NULL DEFAULT '{}',
        bulk_action_id TEXT,
        upstream_job_id TEXT,
        outcome       TEXT NOT NULL
      );
      CREATE INDEX audit_log_workspace ON audit_log (workspace_id, at);

      CREATE TABLE audit_log_accounts (
        audit_id      INTEGER NOT NULL REFERENCES audit_log(id) ON DELETE CASCADE,
        workspace_id  TEXT NOT NULL,
        email         TEXT NOT NULL,
        PRIMARY KEY (workspace_id, email, audit_id)
      ) WITHOUT ROWID;
    `,
  },
];
