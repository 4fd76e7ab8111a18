import type { Database } from 'better-sqlite3';

/**
 * Password-protected PDFs: the ledger remembers that a document needs a password (a fact about
 * its bytes), never the password itself. A password a person enters lives only in the engine's
 * memory until the document has been sent.
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE documents ADD COLUMN needs_password INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX documents_needs_password ON documents(id) WHERE needs_password = 1;
  `);
}
