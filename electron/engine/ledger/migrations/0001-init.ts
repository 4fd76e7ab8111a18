import type { Database } from 'better-sqlite3';

/**
 * The first schema. Times are epoch milliseconds (INTEGER); JSON columns hold canonical shapes from
 * shared/model.ts. The ledger is append-mostly: rows change state, history goes to `events`.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE inboxes (
      id INTEGER PRIMARY KEY,
      path TEXT NOT NULL UNIQUE,
      label TEXT,
      profile TEXT NOT NULL DEFAULT '{}',
      polling INTEGER NOT NULL DEFAULT 0,
      paused INTEGER NOT NULL DEFAULT 0,
      state TEXT NOT NULL DEFAULT 'starting',
      state_since INTEGER,
      state_reason TEXT,
      created_at INTEGER NOT NULL,
      removed_at INTEGER
    );

    CREATE TABLE cases (
      id INTEGER PRIMARY KEY,
      inbox_id INTEGER NOT NULL REFERENCES inboxes(id),
      case_key TEXT NOT NULL,
      folder TEXT NOT NULL DEFAULT '',
      applicant_name TEXT,
      nik TEXT,
      expected TEXT,
      expected_source TEXT,
      run_status TEXT NOT NULL DEFAULT 'DRAFT',
      decision TEXT NOT NULL DEFAULT 'PENDING',
      review TEXT NOT NULL DEFAULT 'NONE',
      stage TEXT NOT NULL DEFAULT 'INTAKE',
      open_issues INTEGER NOT NULL DEFAULT 0,
      credits REAL NOT NULL DEFAULT 0,
      group_ref TEXT,
      assignee TEXT,
      last_file_at INTEGER,
      planned_at INTEGER,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      UNIQUE (inbox_id, case_key)
    );
    CREATE INDEX cases_updated ON cases(updated_at);
    CREATE INDEX cases_stage ON cases(stage);

    CREATE TABLE documents (
      id INTEGER PRIMARY KEY,
      sha256 TEXT NOT NULL UNIQUE,
      size INTEGER NOT NULL,
      mime TEXT NOT NULL,
      kind TEXT NOT NULL,
      store_path TEXT NOT NULL,
      first_file_id INTEGER,
      case_id INTEGER REFERENCES cases(id),
      pages INTEGER,
      preflight TEXT NOT NULL DEFAULT 'PENDING',
      preflight_reason TEXT,
      extracted TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE INDEX documents_preflight ON documents(preflight);

    CREATE TABLE files (
      id INTEGER PRIMARY KEY,
      inbox_id INTEGER NOT NULL REFERENCES inboxes(id),
      rel_path TEXT NOT NULL,
      size INTEGER,
      mtime_ms INTEGER,
      sha256 TEXT,
      mime TEXT,
      ext_mismatch INTEGER NOT NULL DEFAULT 0,
      kind TEXT,
      state TEXT NOT NULL,
      reason TEXT,
      document_id INTEGER REFERENCES documents(id),
      case_id INTEGER REFERENCES cases(id),
      present INTEGER NOT NULL DEFAULT 1,
      first_seen_at INTEGER NOT NULL,
      ready_at INTEGER,
      updated_at INTEGER NOT NULL,
      UNIQUE (inbox_id, rel_path)
    );
    CREATE INDEX files_state ON files(state);
    CREATE INDEX files_sha ON files(sha256);
    CREATE INDEX files_case ON files(case_id);
    CREATE INDEX files_updated ON files(updated_at);

    CREATE TABLE case_documents (
      case_id INTEGER NOT NULL REFERENCES cases(id),
      document_id INTEGER NOT NULL REFERENCES documents(id),
      file_id INTEGER REFERENCES files(id),
      linked_from_case_id INTEGER,
      PRIMARY KEY (case_id, document_id)
    );
    CREATE INDEX case_documents_doc ON case_documents(document_id);

    CREATE TABLE verifications (
      id INTEGER PRIMARY KEY,
      case_id INTEGER NOT NULL REFERENCES cases(id),
      provider TEXT NOT NULL,
      service TEXT NOT NULL,
      config TEXT NOT NULL DEFAULT '{}',
      idempotency_key TEXT NOT NULL UNIQUE,
      generation INTEGER NOT NULL DEFAULT 0,
      superseded_by INTEGER,
      phase TEXT NOT NULL,
      phase_reason TEXT,
      held_phase TEXT,
      run_status TEXT NOT NULL DEFAULT 'DRAFT',
      decision TEXT NOT NULL DEFAULT 'PENDING',
      review TEXT NOT NULL DEFAULT 'NONE',
      vendor_status TEXT,
      vendor_decision TEXT,
      external_id TEXT,
      external_group TEXT,
      attempts INTEGER NOT NULL DEFAULT 0,
      polls INTEGER NOT NULL DEFAULT 0,
      next_at INTEGER NOT NULL DEFAULT 0,
      first_try_at INTEGER,
      deadline_at INTEGER,
      lease_token TEXT,
      lease_owner TEXT,
      lease_expires_at INTEGER,
      needs_lookup INTEGER NOT NULL DEFAULT 0,
      intent_at INTEGER,
      answered_at INTEGER,
      credits REAL,
      last_error TEXT,
      result TEXT,
      raw TEXT,
      reviewer TEXT,
      review_reason TEXT,
      reviewed_at INTEGER,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      completed_at INTEGER
    );
    CREATE INDEX verifications_due ON verifications(provider, phase, next_at);
    CREATE INDEX verifications_case ON verifications(case_id);
    CREATE INDEX verifications_external ON verifications(provider, external_id);

    CREATE TABLE verification_documents (
      verification_id INTEGER NOT NULL REFERENCES verifications(id),
      document_id INTEGER NOT NULL REFERENCES documents(id),
      field TEXT NOT NULL,
      position INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (verification_id, document_id)
    );
    CREATE INDEX verification_documents_doc ON verification_documents(document_id);

    CREATE TABLE checks (
      id INTEGER PRIMARY KEY,
      document_id INTEGER REFERENCES documents(id),
      verification_id INTEGER REFERENCES verifications(id),
      case_id INTEGER REFERENCES cases(id),
      source TEXT NOT NULL,
      type TEXT NOT NULL,
      name TEXT,
      outcome TEXT NOT NULL,
      blocking INTEGER NOT NULL DEFAULT 0,
      score TEXT,
      reasons TEXT NOT NULL DEFAULT '[]',
      details TEXT,
      created_at INTEGER NOT NULL
    );
    CREATE INDEX checks_document ON checks(document_id);
    CREATE INDEX checks_verification ON checks(verification_id);
    CREATE INDEX checks_case ON checks(case_id);

    CREATE TABLE events (
      id INTEGER PRIMARY KEY,
      at INTEGER NOT NULL,
      entity TEXT NOT NULL,
      entity_id INTEGER,
      case_id INTEGER,
      what TEXT NOT NULL,
      from_state TEXT,
      to_state TEXT,
      actor TEXT NOT NULL,
      reason TEXT,
      detail TEXT
    );
    CREATE INDEX events_case ON events(case_id, id);
    CREATE INDEX events_entity ON events(entity, entity_id, id);

    CREATE TABLE provider_state (
      provider TEXT PRIMARY KEY,
      health TEXT NOT NULL DEFAULT 'unknown',
      paused_until INTEGER,
      reason TEXT,
      last_ok_at INTEGER,
      last_error_at INTEGER,
      probe_failures INTEGER NOT NULL DEFAULT 0,
      cache TEXT,
      updated_at INTEGER NOT NULL
    );

    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    );

    CREATE TABLE engine_instances (
      id TEXT PRIMARY KEY,
      pid INTEGER NOT NULL,
      host TEXT NOT NULL,
      started_at INTEGER NOT NULL,
      heartbeat_at INTEGER NOT NULL
    );
  `);
}
