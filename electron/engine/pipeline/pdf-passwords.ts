/**
 * Passwords of protected PDFs. A person enters one; it opens the PDF for the local checks and
 * goes with the upload to providers that accept it (AnyCheck). It is kept in this process's
 * memory only: never in the ledger, logs, reports or events. After a restart CheckDesk asks
 * again for every protected document that has not been sent yet.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CheckDeskError } from '../../../shared/errors.ts';
import { readPdf } from '../checks/pdf/reader.ts';
import type { Ledger } from '../ledger/index.ts';
import { holdReady } from './holds.ts';

export const PASSWORD_AGAIN_REASON =
  'CheckDesk does not keep PDF passwords once it closes; enter the password again to send this document.';
export const PASSWORD_AGAIN_SUMMARY =
  'Not sent to a provider: the PDF password is needed again (CheckDesk does not keep passwords once it closes).';

export class PasswordVault {
  private readonly passwords = new Map<number, string>();

  get(documentId: number): string | null {
    return this.passwords.get(documentId) ?? null;
  }

  has(documentId: number): boolean {
    return this.passwords.has(documentId);
  }

  clear(): void {
    this.passwords.clear();
  }

  /**
   * Tries the password on the stored copy; keeps it and queues the document for checking again
   * when it opens the PDF. A wrong password changes nothing but the history.
   */
  async unlock(input: {
    ledger: Ledger;
    dataDir: string;
    documentId: number;
    password: string;
    actor: string;
  }): Promise<{ caseIds: number[] }> {
    const { ledger, documentId, actor } = input;
    const doc = ledger.documents.get(documentId);
    if (!doc) throw new CheckDeskError('NOT_FOUND', `document ${documentId} does not exist`);
    if (!doc.needsPassword || doc.mime !== 'application/pdf') {
      throw new CheckDeskError(
        'NOT_PROTECTED',
        'this document is not a password-protected PDF; it needs no password',
      );
    }
    let bytes: Buffer;
    try {
      bytes = await readFile(path.join(input.dataDir, ...doc.storePath.split('/')));
    } catch (err) {
      throw new CheckDeskError(
        'STORE_MISSING',
        `the stored copy of this document cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`,
      );
    }
    const opened = await readPdf(bytes, input.password);
    const caseIds = ledger.cases.casesOfDocument(documentId);
    if (opened.status === 'password_needed' || opened.status === 'password_wrong') {
      ledger.history.append({
        entity: 'document',
        entityId: documentId,
        caseId: doc.caseId,
        what: 'password_wrong',
        actor,
      });
      throw new CheckDeskError(
        'PASSWORD_WRONG',
        'that password does not open this PDF; check it with the applicant and try again',
      );
    }
    if (opened.status !== 'ok') {
      throw new CheckDeskError(
        'PDF_UNREADABLE',
        'the PDF opens with this password but cannot be read; get an unprotected copy from the applicant',
      );
    }
    this.passwords.set(documentId, input.password);
    ledger.tx(() => {
      ledger.documents.setPreflight(documentId, 'PENDING', 'password entered; checking again');
      ledger.history.append({
        entity: 'document',
        entityId: documentId,
        caseId: doc.caseId,
        what: 'password_entered',
        from: doc.preflight,
        to: 'PENDING',
        actor,
      });
      for (const id of caseIds) ledger.cases.recompute(id);
    });
    return { caseIds };
  }
}

/**
 * At start: protected documents unlocked in an earlier run but not yet sent are blocked again
 * (their verifications held) until a person re-enters the password. Returns the cases touched.
 */
export function relockUnsent(ledger: Ledger): number[] {
  const touched = new Set<number>();
  const docs = ledger.documents.unlockedButUnsent();
  if (docs.length === 0) return [];
  ledger.tx(() => {
    for (const doc of docs) {
      ledger.documents.setPreflight(doc.id, 'BLOCKED', PASSWORD_AGAIN_SUMMARY);
      ledger.history.append({
        entity: 'document',
        entityId: doc.id,
        caseId: doc.caseId,
        what: 'password_needed_again',
        from: doc.preflight,
        to: 'BLOCKED',
        reason: PASSWORD_AGAIN_REASON,
      });
      holdReady(ledger, doc.id, PASSWORD_AGAIN_REASON);
      for (const id of ledger.cases.casesOfDocument(doc.id)) touched.add(id);
    }
    for (const id of touched) ledger.cases.recompute(id);
  });
  return [...touched];
}
