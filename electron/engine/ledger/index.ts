/**
 * The ledger: CheckDesk's memory, and the only place that speaks SQL. One writer connection per
 * engine process (WAL; readers never block it). Everything here is synchronous so that no
 * transaction can span an await.
 */
import type Database from 'better-sqlite3';
import os from 'node:os';
import path from 'node:path';
import { CaseRepo } from './cases.ts';
import { CheckRepo } from './checks.ts';
import { DocumentRepo } from './documents.ts';
import { FileRepo } from './files.ts';
import { HistoryRepo } from './history.ts';
import { InboxRepo } from './inboxes.ts';
import { openLedgerDatabase, type RestoreInfo } from './open.ts';
import { rollingBackup } from './backup.ts';
import { SqliteNearDuplicateStore } from './near-duplicates.ts';
import { InstanceRepo, ProviderStateRepo, SettingsRepo } from './small-repos.ts';
import { VerificationRepo, type VerificationRecord } from './verifications.ts';

export interface LedgerOptions {
  dataDir: string;
  now?: () => number;
  /** Identifies this engine in leases; defaults to a random id per process start. */
  instanceId: string;
}

export class Ledger {
  readonly db: Database.Database;
  readonly file: string;
  readonly backupsDir: string;
  readonly restored: RestoreInfo | null;
  readonly instanceId: string;
  readonly now: () => number;

  readonly inboxes: InboxRepo;
  readonly files: FileRepo;
  readonly documents: DocumentRepo;
  readonly cases: CaseRepo;
  readonly verifications: VerificationRepo;
  readonly checks: CheckRepo;
  readonly history: HistoryRepo;
  readonly providers: ProviderStateRepo;
  readonly settings: SettingsRepo;
  readonly instances: InstanceRepo;
  /** Perceptual hashes of every image, for near-duplicate lookups (pre-flight). */
  readonly nearDuplicates: SqliteNearDuplicateStore;

  constructor(options: LedgerOptions) {
    this.now = options.now ?? Date.now;
    this.instanceId = options.instanceId;
    this.file = path.join(options.dataDir, 'ledger.sqlite');
    this.backupsDir = path.join(options.dataDir, 'backups');
    const opened = openLedgerDatabase({
      file: this.file,
      backupsDir: this.backupsDir,
      now: this.now,
    });
    this.db = opened.db;
    this.restored = opened.restored;
    const { db, now } = this;
    this.inboxes = new InboxRepo(db, now);
    this.files = new FileRepo(db, now);
    this.documents = new DocumentRepo(db, now);
    this.cases = new CaseRepo(db, now);
    this.verifications = new VerificationRepo(db, now);
    this.checks = new CheckRepo(db, now);
    this.history = new HistoryRepo(db, now);
    this.providers = new ProviderStateRepo(db, now);
    this.settings = new SettingsRepo(db, now);
    this.instances = new InstanceRepo(db, now);
    this.nearDuplicates = new SqliteNearDuplicateStore(db);
  }

  /** Runs `fn` in one IMMEDIATE transaction. `fn` must be synchronous. */
  tx<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /**
   * Registers this engine and makes inactive whatever dead engines left leased (Signal's
   * markAllJobsInactive, per instance so that a second live engine's work is not disturbed).
   * A same-host instance whose pid is gone is dead; another host's is dead when its heartbeat
   * is older than `staleMs`.
   */
  startInstance(staleMs: number): VerificationRecord[] {
    const host = os.hostname();
    const at = this.now();
    const live: string[] = [this.instanceId];
    for (const inst of this.instances.list()) {
      if (inst.id === this.instanceId) continue;
      const alive =
        inst.host === host
          ? pidAlive(inst.pid) && inst.pid !== process.pid
          : at - inst.heartbeatAt < staleMs;
      if (alive) live.push(inst.id);
      else this.instances.unregister(inst.id);
    }
    this.instances.register(this.instanceId, process.pid, host);
    const orphans = this.instances.orphanOwners(live);
    const released = this.verifications.releaseOwners(
      orphans,
      'CheckDesk stopped while sending this; checking with the provider',
    );
    this.tx(() => {
      for (const v of released) {
        if (v.phase === 'IN_DOUBT') {
          this.history.append({
            entity: 'verification',
            entityId: v.id,
            caseId: v.caseId,
            what: 'in_doubt',
            from: 'SUBMITTING',
            to: 'IN_DOUBT',
            reason: v.phaseReason,
          });
        }
        this.cases.recompute(v.caseId);
      }
    });
    return released;
  }

  backup(keep = 5): Promise<string> {
    return rollingBackup(this.db, this.backupsDir, this.now, keep);
  }

  close(): void {
    try {
      this.instances.unregister(this.instanceId);
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // closing must never throw: the WAL is replayed on next open anyway
    }
    this.db.close();
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export type { VerificationRecord } from './verifications.ts';
export type { RestoreInfo } from './open.ts';
