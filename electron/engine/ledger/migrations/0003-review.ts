import type { Database } from 'better-sqlite3';

/**
 * Review workflow: a person's action that the provider must carry out (approve at Colleckt,
 * retry or fraud confirmation at AnyCheck) waits on the verification as `pending_action` until
 * the queue has done it; four-eyes approvals remember who approved first.
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE verifications ADD COLUMN pending_action TEXT;
    ALTER TABLE verifications ADD COLUMN approval_by TEXT;
    ALTER TABLE verifications ADD COLUMN approval_at INTEGER;
    CREATE INDEX verifications_action ON verifications(provider, pending_action) WHERE pending_action IS NOT NULL;
  `);
}
