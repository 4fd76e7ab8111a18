/**
 * Intake: inbox folders → files → documents and cases, without losing or double-counting a file.
 *
 * - chokidar is a hint, the ledger is the truth: a reconciliation scan runs at start, periodically,
 *   and after a share comes back. Polling inboxes (network shares) use the scan alone.
 * - A file counts only once its size and mtime have been stable for the threshold, it can be
 *   opened, and its end marker is present (or it stayed incomplete for too long).
 * - Each ready file is copied into the content-addressed store; same bytes = same document.
 * - A disconnected share is one state change ("unreachable since …"), not an error storm.
 */
import { watch, type FSWatcher } from 'chokidar';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { InboxProfile, InboxRow } from '../../../shared/contract.ts';
import { CheckDeskError } from '../../../shared/errors.ts';
import type { EventHub } from '../events.ts';
import type { Ledger } from '../ledger/index.ts';
import type { FileRecord } from '../ledger/files.ts';
import type { EngineLogger } from '../log.ts';
import { readCaseData, summariseIssues, type CaseDataFile } from './case-data.ts';
import { detectKind, keywordTable } from './kinds.ts';
import {
  caseDataKind,
  caseOf,
  ignoredReason,
  MAX_DEPTH,
  PROCESSED_FOLDER,
  type CaseDataKind,
} from './names.ts';
import { importResults, readResultsSheet, type ResultsSheet } from '../pipeline/results-import.ts';
import { scanInbox, type ScanFile } from './scan.ts';
import { describeUnsupported, extensionMatches, probeFile } from './sniff.ts';
import { cleanStoreTmp, copyIntoStore } from './store.ts';

export interface IntakeOptions {
  ledger: Ledger;
  dataDir: string;
  hub: EventHub;
  log: EngineLogger;
  /** Readiness threshold; the inbox profile's stableSeconds wins when set. */
  stableMs: number;
  /** How often a watched inbox is re-scanned anyway, and how often a polling one is scanned. */
  reconcileMs?: number;
  pollMs?: number;
  /** How long a file may look incomplete (no end marker) before it is recorded anyway. */
  maxIncompleteMs?: number;
  /** How long an empty file waits before it is recorded as empty. */
  emptyGraceMs?: number;
  maxFileBytes?: number;
  /** Called after a document was recorded (pre-flight picks it up) or case data changed. */
  onDocument(documentId: number): void;
  onCaseChanged(caseId: number): void;
  /** Called when the status snapshot may have changed. */
  onStatus(): void;
}

interface Tracked {
  fileId: number;
  inboxId: number;
  relPath: string;
  abs: string;
  size: number;
  mtimeMs: number;
  stableSince: number;
  firstSeen: number;
  /** Next time this file is worth a stat: nothing can be ready before its threshold passes. */
  dueAt: number;
  busy: boolean;
}

interface InboxRuntime {
  row: InboxRow;
  watcher: FSWatcher | null;
  timer: NodeJS.Timeout | null;
  scanning: Promise<void> | null;
  rescanRequested: boolean;
  reachable: boolean;
  retryMs: number;
}

const DEFAULT_MAX_FILE_BYTES = 200 * 1024 * 1024;

export class Intake {
  private readonly inboxes = new Map<number, InboxRuntime>();
  private readonly tracked = new Map<number, Tracked>();
  private readonly recordQueue: Tracked[] = [];
  private recording = 0;
  /** Copies in flight: their fdatasync calls overlap, so the disk writes them in batches. */
  private readonly recordConcurrency = 16;
  private tickTimer: NodeJS.Timeout | null = null;
  private ticking = false;
  private stopped = false;
  private readonly hints = new Map<number, Set<string>>();
  /** Cases touched inside the current batch; recomputed once at its end, not once per file. */
  private readonly dirtyCases = new Set<number>();
  private hintTimer: NodeJS.Timeout | null = null;

  constructor(private readonly o: IntakeOptions) {}

  async start(): Promise<void> {
    await cleanStoreTmp(this.o.dataDir);
    for (const f of this.o.ledger.files.waiting()) {
      const inbox = this.o.ledger.inboxes.get(f.inboxId);
      if (inbox && !inbox.paused) this.track(f, inbox.path);
    }
    for (const row of this.o.ledger.inboxes.list()) await this.open(row);
    this.tickTimer = setInterval(() => void this.tick(), this.tickMs());
    this.tickTimer.unref?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.tickTimer) clearInterval(this.tickTimer);
    if (this.hintTimer) clearTimeout(this.hintTimer);
    await Promise.all([...this.inboxes.values()].map((rt) => this.close(rt)));
    const deadline = Date.now() + 10_000;
    while (this.recording > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  }

  /** Nothing scanning, nothing waiting to be recorded or being recorded. */
  busy(): boolean {
    if (this.recording > 0 || this.recordQueue.length > 0) return true;
    for (const rt of this.inboxes.values()) if (rt.scanning || rt.rescanRequested) return true;
    return this.hints.size > 0;
  }

  waitingCount(): number {
    return this.tracked.size;
  }

  // ------------------------------------------------------------------ inbox management

  async addInbox(input: {
    path: string;
    label?: string;
    polling?: boolean;
    profile?: InboxProfile;
  }): Promise<InboxRow> {
    const abs = path.resolve(input.path);
    await assertFolder(abs);
    const dataDir = path.resolve(this.o.dataDir);
    // An inbox may live inside the data folder (the default one does), but must never contain it
    // nor be one of CheckDesk's own folders: the store and the ledger must not be watched.
    const insideOwn = ['store', 'backups', 'logs', 'sandbox'].some(
      (d) => abs === path.join(dataDir, d) || abs.startsWith(path.join(dataDir, d) + path.sep),
    );
    if (abs === dataDir || dataDir.startsWith(abs + path.sep) || insideOwn) {
      throw new CheckDeskError(
        'INBOX_OVERLAPS_DATA',
        `${abs} overlaps CheckDesk's own data folder ${dataDir}; choose another folder`,
      );
    }
    if (abs === path.parse(abs).root)
      throw new CheckDeskError(
        'INBOX_IS_ROOT',
        `${abs} is a drive root; choose a folder inside it`,
      );
    const { row, created } = this.o.ledger.inboxes.add({
      path: abs,
      label: input.label ?? null,
      polling: input.polling,
      profile: input.profile,
    });
    this.o.ledger.history.append({
      entity: 'inbox',
      entityId: row.id,
      what: created ? 'inbox_added' : 'inbox_restored',
      reason: abs,
    });
    const existing = this.inboxes.get(row.id);
    if (existing) await this.close(existing);
    await this.open(this.o.ledger.inboxes.get(row.id)!);
    return this.o.ledger.inboxes.get(row.id)!;
  }

  async removeInbox(id: number): Promise<boolean> {
    const rt = this.inboxes.get(id);
    if (rt) await this.close(rt);
    this.inboxes.delete(id);
    for (const [fid, t] of this.tracked) if (t.inboxId === id) this.tracked.delete(fid);
    const removed = this.o.ledger.inboxes.remove(id);
    if (removed)
      this.o.ledger.history.append({ entity: 'inbox', entityId: id, what: 'inbox_removed' });
    this.o.onStatus();
    return removed;
  }

  async updateInbox(
    id: number,
    patch: { label?: string | null; polling?: boolean; paused?: boolean; profile?: InboxProfile },
  ): Promise<InboxRow> {
    const row = this.o.ledger.inboxes.get(id);
    if (!row || !this.inboxes.has(id))
      throw new CheckDeskError('NOT_FOUND', `inbox ${id} does not exist`);
    this.o.ledger.inboxes.update(id, patch);
    this.o.ledger.history.append({
      entity: 'inbox',
      entityId: id,
      what: 'inbox_updated',
      detail: Object.keys(patch),
    });
    const rt = this.inboxes.get(id)!;
    await this.close(rt);
    await this.open(this.o.ledger.inboxes.get(id)!);
    return this.o.ledger.inboxes.get(id)!;
  }

  /** Re-scans one inbox or all; resolves when the scan(s) are done. Returns files seen. */
  async rescan(id?: number): Promise<number> {
    const targets =
      id === undefined
        ? [...this.inboxes.values()]
        : [this.inboxes.get(id)].filter((x): x is InboxRuntime => !!x);
    if (id !== undefined && targets.length === 0)
      throw new CheckDeskError('NOT_FOUND', `inbox ${id} does not exist`);
    let n = 0;
    for (const rt of targets) n += await this.scanNow(rt);
    return n;
  }

  // ------------------------------------------------------------------ per-inbox runtime

  /** The inbox's profile as of its last (re)open; updates reopen the inbox. */
  private profileOf(row: InboxRow): InboxProfile {
    return this.inboxes.get(row.id)?.row.profile ?? row.profile;
  }

  private stableMsFor(inboxId: number): number {
    const p = this.inboxes.get(inboxId)?.row.profile;
    return p?.stableSeconds !== undefined ? p.stableSeconds * 1000 : this.o.stableMs;
  }

  private tickMs(): number {
    return Math.max(50, Math.min(500, Math.floor(this.o.stableMs / 4)));
  }

  private async open(row: InboxRow): Promise<void> {
    const rt: InboxRuntime = {
      row,
      watcher: null,
      timer: null,
      scanning: null,
      rescanRequested: false,
      reachable: true,
      retryMs: 2000,
    };
    this.inboxes.set(row.id, rt);
    if (row.paused) {
      this.setInboxState(rt, 'paused', null);
      return;
    }
    await this.scanNow(rt);
    if (!rt.reachable) return;
    if (!row.polling) this.startWatcher(rt);
    this.setInboxState(rt, row.polling ? 'polling' : 'watching', null);
    this.scheduleScan(rt, row.polling ? (this.o.pollMs ?? 3000) : (this.o.reconcileMs ?? 60_000));
  }

  private async close(rt: InboxRuntime): Promise<void> {
    if (rt.timer) clearTimeout(rt.timer);
    rt.timer = null;
    const w = rt.watcher;
    rt.watcher = null;
    if (w) await w.close().catch(() => undefined);
    if (rt.scanning) await rt.scanning.catch(() => undefined);
  }

  private setInboxState(rt: InboxRuntime, state: InboxRow['state'], reason: string | null): void {
    if (this.o.ledger.inboxes.setState(rt.row.id, state, reason)) {
      this.o.ledger.history.append({
        entity: 'inbox',
        entityId: rt.row.id,
        what: 'inbox_state',
        to: state,
        reason,
      });
      if (state === 'unreachable')
        this.o.log.warn('inbox unreachable', { inbox: rt.row.path, reason });
      this.o.onStatus();
    }
  }

  private scheduleScan(rt: InboxRuntime, ms: number): void {
    if (this.stopped) return;
    if (rt.timer) clearTimeout(rt.timer);
    rt.timer = setTimeout(() => {
      rt.timer = null;
      void this.periodic(rt);
    }, ms);
    rt.timer.unref?.();
  }

  private async periodic(rt: InboxRuntime): Promise<void> {
    if (this.stopped || this.inboxes.get(rt.row.id) !== rt) return;
    const wasReachable = rt.reachable;
    const started = Date.now();
    await this.scanNow(rt);
    if (!rt.reachable) {
      rt.retryMs = Math.min(30_000, rt.retryMs * 1.5);
      this.scheduleScan(rt, rt.retryMs);
      return;
    }
    if (!wasReachable) {
      // The share is back: watch again; the scan above already reconciled what happened meanwhile.
      rt.retryMs = 2000;
      if (!rt.row.polling) this.startWatcher(rt);
      this.setInboxState(rt, rt.row.polling ? 'polling' : 'watching', null);
    }
    const took = Date.now() - started;
    const base = rt.row.polling ? (this.o.pollMs ?? 3000) : (this.o.reconcileMs ?? 60_000);
    // A huge folder is scanned less often: never spend more than ~10 % of the time scanning.
    this.scheduleScan(rt, Math.max(base, took * 10));
  }

  private startWatcher(rt: InboxRuntime): void {
    const root = rt.row.path;
    // Folders only: chokidar keeps a watcher and bookkeeping per path it watches, which for an
    // inbox of 100,000 scans cost ~600 MB. A folder's own watcher already reports every change
    // of the files in it (chokidar's 'raw' events), and those are all a hint needs.
    const watcher = watch(root, {
      ignoreInitial: true,
      followSymlinks: false,
      depth: MAX_DEPTH,
      ignorePermissionErrors: true,
      persistent: true,
      ignored: (p: string, stats?: { isFile(): boolean }) => {
        if (stats?.isFile()) return true;
        const rel = path.relative(root, p);
        if (!rel || rel.startsWith('..')) return false;
        const first = rel.split(path.sep)[0];
        return first === PROCESSED_FOLDER;
      },
    });
    watcher.on('raw', (_event, name: string | null, details: unknown) => {
      const dir = (details as { watchedPath?: unknown } | undefined)?.watchedPath;
      if (typeof dir !== 'string') return this.requestRescan(rt);
      // Without a name the platform did not say what changed: look at the whole inbox again.
      if (!name) return this.requestRescan(rt);
      const abs = path.isAbsolute(name) ? name : path.join(dir, name);
      if (abs === root || abs.startsWith(root + path.sep)) this.hint(rt.row.id, abs);
    });
    watcher.on('addDir', () => this.requestRescan(rt));
    // Files created between our first scan and the watcher becoming ready produce no event:
    // one more reconciliation once it is ready closes that gap.
    watcher.once('ready', () => this.requestRescan(rt));
    watcher.on('unlinkDir', () => this.requestRescan(rt));
    watcher.on('error', (err: unknown) => {
      this.o.log.throttled(`watch:${rt.row.id}`, 'warn', 'watcher error', {
        inbox: root,
        error: String(err),
      });
      // The periodic scan decides whether the folder is really gone.
      this.requestRescan(rt);
    });
    rt.watcher = watcher;
  }

  private requestRescan(rt: InboxRuntime): void {
    if (this.stopped) return;
    if (rt.scanning) {
      rt.rescanRequested = true;
      return;
    }
    void this.scanNow(rt);
  }

  private hint(inboxId: number, abs: string): void {
    if (this.stopped) return;
    let set = this.hints.get(inboxId);
    if (!set) this.hints.set(inboxId, (set = new Set()));
    set.add(abs);
    if (!this.hintTimer) {
      this.hintTimer = setTimeout(() => {
        this.hintTimer = null;
        void this.flushHints();
      }, 25);
    }
  }

  private async flushHints(): Promise<void> {
    if (this.stopped) return;
    const batches = [...this.hints.entries()];
    this.hints.clear();
    for (const [inboxId, paths] of batches) {
      const rt = this.inboxes.get(inboxId);
      if (!rt || this.stopped) continue;
      const entries: ScanFile[] = [];
      const gone: string[] = [];
      await Promise.all(
        [...paths].map(async (abs) => {
          const rel = path.relative(rt.row.path, abs).split(path.sep).join('/');
          if (!rel || rel.startsWith('..')) return;
          try {
            const st = await fs.stat(abs);
            if (st.isFile())
              entries.push({ relPath: rel, abs, size: st.size, mtimeMs: st.mtimeMs });
          } catch {
            gone.push(rel);
          }
        }),
      );
      if (this.stopped) return;
      this.o.ledger.tx(() => {
        for (const e of entries) this.register(rt, e);
        for (const rel of gone) this.markGone(rt, rel);
        this.recomputeDirty();
      });
    }
    this.o.onStatus();
  }

  private async scanNow(rt: InboxRuntime): Promise<number> {
    if (this.stopped) return 0;
    if (rt.scanning) {
      rt.rescanRequested = true;
      await rt.scanning;
      return 0;
    }
    let count = 0;
    const run = async () => {
      do {
        rt.rescanRequested = false;
        let result;
        try {
          result = await scanInbox(rt.row.path);
        } catch (err) {
          if (this.stopped) return;
          rt.reachable = false;
          const code = (err as NodeJS.ErrnoException).code ?? 'error';
          this.setInboxState(
            rt,
            'unreachable',
            code === 'ENOENT'
              ? 'the folder is missing or the share is disconnected'
              : `cannot read the folder (${code})`,
          );
          if (rt.watcher) {
            const w = rt.watcher;
            rt.watcher = null;
            await w.close().catch(() => undefined);
          }
          return;
        }
        if (this.stopped) return;
        rt.reachable = true;
        count = result.files.length;
        const known = this.o.ledger.files.snapshot(rt.row.id);
        const present = new Set<string>();
        const BATCH = 500;
        for (let i = 0; i < result.files.length; i += BATCH) {
          const slice = result.files.slice(i, i + BATCH);
          this.o.ledger.tx(() => {
            for (const f of slice) {
              present.add(f.relPath);
              const k = known.get(f.relPath);
              // Unchanged settled files cost nothing: no write, no event.
              if (
                k &&
                k.present &&
                k.state !== 'WAITING' &&
                k.size === f.size &&
                k.mtimeMs === Math.trunc(f.mtimeMs)
              )
                continue;
              this.register(rt, f);
            }
            this.recomputeDirty();
          });
          if (i + BATCH < result.files.length) await new Promise((r) => setImmediate(r));
          if (this.stopped) return;
        }
        this.o.ledger.tx(() => {
          for (const p of result.problems) {
            present.add(p.relPath);
            this.registerProblem(rt, p.relPath, p.reason, known.get(p.relPath));
          }
          for (const [rel, rec] of known) {
            if (!present.has(rel) && (rec.present || rec.state === 'WAITING'))
              this.markGone(rt, rel);
          }
          this.recomputeDirty();
        });
        this.o.onStatus();
      } while (rt.rescanRequested && !this.stopped);
    };
    rt.scanning = run().finally(() => {
      rt.scanning = null;
    });
    await rt.scanning;
    return count;
  }

  // ------------------------------------------------------------------ files

  /** Registers a sighting (synchronous: runs inside the caller's transaction). */
  private register(rt: InboxRuntime, f: ScanFile): void {
    const name = f.relPath.split('/').pop()!;
    const ignored = ignoredReason(name);
    const ledger = this.o.ledger;
    if (ignored) {
      const { file, created } = ledger.files.seen(rt.row.id, f.relPath, f, null);
      if (created || file.state !== 'IGNORED') {
        ledger.files.setState(file.id, 'IGNORED', ignored);
        this.o.hub.fileAdded(file.id);
      }
      return;
    }
    // A manifest in the inbox root describes many cases; it is not a case of its own.
    const dataKind = caseDataKind(f.relPath);
    const loc = caseOf(f.relPath);
    const kase = dataKind?.startsWith('manifest')
      ? null
      : ledger.cases.ensure(rt.row.id, loc.key, loc.folder);
    const { file, created, reopened } = ledger.files.seen(
      rt.row.id,
      f.relPath,
      f,
      kase?.id ?? null,
    );
    if (created || reopened) {
      if (created) this.o.hub.fileAdded(file.id);
      else this.o.hub.fileChanged(file.id);
      if (kase) {
        ledger.cases.touchFile(kase.id);
        if (kase.created)
          ledger.history.append({
            entity: 'case',
            entityId: kase.id,
            caseId: kase.id,
            what: 'case_opened',
            reason: loc.key,
          });
        this.dirtyCases.add(kase.id);
      }
    }
    if (file.state === 'WAITING') this.track(file, rt.row.path, f);
  }

  private registerProblem(
    rt: InboxRuntime,
    relPath: string,
    reason: string,
    known: FileRecord | undefined,
  ): void {
    if (known && (known.state === 'IGNORED' || known.state === 'UNREADABLE') && known.present)
      return;
    const { file, created } = this.o.ledger.files.seen(
      rt.row.id,
      relPath,
      { size: 0, mtimeMs: 0 },
      null,
    );
    const state = /cannot be read|too long|not valid text|loop/.test(reason)
      ? 'UNREADABLE'
      : 'IGNORED';
    this.o.ledger.files.setState(file.id, state, reason);
    this.tracked.delete(file.id);
    if (created) this.o.hub.fileAdded(file.id);
    else this.o.hub.fileChanged(file.id);
  }

  private markGone(rt: InboxRuntime, relPath: string): void {
    const rec = this.o.ledger.files.byPath(rt.row.id, relPath);
    if (!rec) return;
    if (rec.state === 'WAITING') {
      this.tracked.delete(rec.id);
      this.o.ledger.files.setState(rec.id, 'VANISHED', 'removed before it finished being written');
      this.o.ledger.files.markAbsent(rec.id);
      this.o.ledger.history.append({
        entity: 'file',
        entityId: rec.id,
        caseId: rec.caseId,
        what: 'file_vanished',
        to: 'VANISHED',
        reason: relPath,
      });
      if (rec.caseId) this.dirtyCases.add(rec.caseId);
    } else {
      this.o.ledger.files.markAbsent(rec.id);
    }
    this.o.hub.fileChanged(rec.id);
  }

  private track(file: FileRecord, root: string, seen?: ScanFile): void {
    const existing = this.tracked.get(file.id);
    const now = Date.now();
    if (existing) {
      if (
        seen &&
        (seen.size !== existing.size || Math.trunc(seen.mtimeMs) !== Math.trunc(existing.mtimeMs))
      ) {
        existing.size = seen.size;
        existing.mtimeMs = seen.mtimeMs;
        existing.stableSince = now;
        existing.dueAt = now + this.stableMsFor(existing.inboxId);
      }
      return;
    }
    this.tracked.set(file.id, {
      fileId: file.id,
      inboxId: file.inboxId,
      relPath: file.relPath,
      abs: path.join(root, ...file.relPath.split('/')),
      size: seen?.size ?? file.size ?? -1,
      mtimeMs: seen?.mtimeMs ?? file.mtimeMs ?? -1,
      stableSince: now,
      firstSeen: now,
      dueAt: now + (seen ? this.stableMsFor(file.inboxId) : 0),
      busy: false,
    });
  }

  /** Readiness: re-stat every tracked file; hand stable ones to the recorder. */
  private async tick(): Promise<void> {
    if (this.ticking || this.stopped) return;
    this.ticking = true;
    try {
      const now = Date.now();
      const items = [...this.tracked.values()].filter((t) => !t.busy && t.dueAt <= now);
      for (let i = 0; i < items.length; i += 64) {
        await Promise.all(items.slice(i, i + 64).map((t) => this.check(t, now)));
      }
      this.pump();
    } finally {
      this.ticking = false;
    }
  }

  private async check(t: Tracked, now: number): Promise<void> {
    if (this.stopped) return;
    let st;
    try {
      st = await fs.stat(t.abs);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const rt = this.inboxes.get(t.inboxId);
      if (code === 'ENOENT' && rt) {
        // Only conclude "vanished" if the inbox itself is still there (a share may be away).
        try {
          await fs.stat(rt.row.path);
        } catch {
          return;
        }
        this.o.ledger.tx(() => {
          this.markGone(rt, t.relPath);
          this.recomputeDirty();
        });
      }
      return;
    }
    const stableMs = this.stableMsFor(t.inboxId);
    if (st.size !== t.size || Math.trunc(st.mtimeMs) !== Math.trunc(t.mtimeMs)) {
      t.size = st.size;
      t.mtimeMs = st.mtimeMs;
      t.stableSince = now;
      t.dueAt = now + stableMs;
      if (now - t.firstSeen > 10_000) {
        this.o.ledger.files.setWaitingReason(
          t.fileId,
          `still being written (${Math.round((now - t.firstSeen) / 1000)} s so far)`,
        );
        this.o.hub.fileChanged(t.fileId);
      }
      return;
    }
    if (now - t.stableSince < stableMs) {
      t.dueAt = t.stableSince + stableMs;
      return;
    }
    if (t.size === 0) {
      const grace = this.o.emptyGraceMs ?? Math.max(10_000, stableMs * 5);
      if (now - t.stableSince < grace) {
        this.o.ledger.files.setWaitingReason(t.fileId, 'empty so far; waiting for content');
        t.dueAt = Math.min(t.stableSince + grace, now + 1000);
        return;
      }
    }
    if (!this.recordQueue.includes(t)) {
      t.busy = true;
      this.recordQueue.push(t);
    }
  }

  private pump(): void {
    while (
      this.recording < this.recordConcurrency &&
      this.recordQueue.length > 0 &&
      !this.stopped
    ) {
      const t = this.recordQueue.shift()!;
      this.recording++;
      void this.record(t)
        .catch((err: unknown) => {
          this.o.log.error('recording a file failed', { file: t.relPath, error: String(err) });
          this.o.ledger.files.setWaitingReason(
            t.fileId,
            `could not be recorded yet (${(err as Error).message}); retrying`,
          );
          this.later(t);
        })
        .finally(() => {
          t.busy = false;
          this.recording--;
          this.pump();
        });
    }
  }

  /** Recomputes the cases a batch touched (call inside the batch's transaction, at its end). */
  private recomputeDirty(): void {
    for (const id of this.dirtyCases) {
      this.o.ledger.cases.recompute(id);
      this.o.hub.caseChanged(id);
    }
    this.dirtyCases.clear();
  }

  /** Look at this file again after another readiness period (changed, locked, incomplete). */
  private later(t: Tracked): void {
    t.stableSince = Date.now();
    t.dueAt = t.stableSince + this.stableMsFor(t.inboxId);
  }

  private finish(t: Tracked): void {
    this.tracked.delete(t.fileId);
    this.o.hub.fileChanged(t.fileId);
    this.o.onStatus();
  }

  private settle(
    t: Tracked,
    state: 'EMPTY' | 'UNSUPPORTED' | 'TOO_LARGE' | 'UNREADABLE' | 'VANISHED',
    reason: string,
  ): void {
    const ledger = this.o.ledger;
    const file = ledger.files.get(t.fileId);
    ledger.tx(() => {
      ledger.files.setState(t.fileId, state, reason);
      if (state === 'VANISHED') ledger.files.markAbsent(t.fileId);
      ledger.history.append({
        entity: 'file',
        entityId: t.fileId,
        caseId: file?.caseId,
        what: 'file_settled',
        to: state,
        reason,
      });
      if (file?.caseId) ledger.cases.recompute(file.caseId);
    });
    if (file?.caseId) this.o.hub.caseChanged(file.caseId);
    this.finish(t);
  }

  private async record(t: Tracked): Promise<void> {
    const ledger = this.o.ledger;
    const file = ledger.files.get(t.fileId);
    const inbox = this.inboxes.get(t.inboxId)?.row ?? null;
    if (!file || file.state !== 'WAITING' || !inbox) {
      this.tracked.delete(t.fileId);
      return;
    }
    const name = t.relPath.split('/').pop()!;
    if (t.size === 0)
      return this.settle(t, 'EMPTY', 'the file is empty (0 bytes); scan or copy it again');
    const maxBytes = this.o.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    if (t.size > maxBytes) {
      return this.settle(
        t,
        'TOO_LARGE',
        `the file is ${(t.size / 1048576).toFixed(0)} MB; the limit is ${(maxBytes / 1048576).toFixed(0)} MB`,
      );
    }

    let probe;
    try {
      probe = await probeFile(t.abs, t.size);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return this.settle(t, 'VANISHED', 'removed before it could be read');
      if (code === 'EBUSY' || code === 'EPERM' || code === 'EACCES') {
        // Locked by the scanner, antivirus or permissions: keep waiting, say why.
        ledger.files.setWaitingReason(
          t.fileId,
          code === 'EACCES'
            ? 'no permission to read this file'
            : 'the file is locked by another program',
        );
        if (Date.now() - t.firstSeen > (this.o.maxIncompleteMs ?? 300_000)) {
          return this.settle(
            t,
            'UNREADABLE',
            code === 'EACCES'
              ? 'no permission to read this file'
              : 'the file stayed locked by another program',
          );
        }
        this.later(t);
        return;
      }
      throw err;
    }

    const dataKind = caseDataKind(t.relPath);
    if (dataKind) return this.recordCaseData(t, inbox, dataKind);

    if (!probe.mime) {
      // A sheet of provider session ids (ADVANCE.AI, AiPrise): results to collect, not a document.
      const sheet = await readResultsSheet(t.abs);
      if (sheet) return this.recordResultsSheet(t, inbox, sheet);
      return this.settle(
        t,
        'UNSUPPORTED',
        `${describeUnsupported(probe.head, name)}: CheckDesk reads JPEG, PNG, TIFF, WebP, HEIC and PDF`,
      );
    }
    if (!probe.complete && Date.now() - t.firstSeen < (this.o.maxIncompleteMs ?? 300_000)) {
      ledger.files.setWaitingReason(
        t.fileId,
        'looks incomplete (no end-of-file marker yet); waiting',
      );
      this.later(t);
      return;
    }

    const copy = await copyIntoStore(t.abs, this.o.dataDir, { size: t.size, mtimeMs: t.mtimeMs });
    if (!copy.ok) {
      if (copy.reason === 'vanished') return this.settle(t, 'VANISHED', copy.detail);
      this.later(t);
      ledger.files.setWaitingReason(t.fileId, `${copy.detail}; waiting until it stops changing`);
      return;
    }
    const { sha256, storePath } = copy.file;
    const kind = detectKind(t.relPath, keywordTable(this.profileOf(inbox).kindKeywords));
    const extMismatch = !extensionMatches(name, probe.mime);
    const loc = caseOf(t.relPath);

    // Same bytes already known under another path of this inbox whose file is gone: a move.
    const candidates = ledger.files.moveCandidates(t.inboxId, sha256, t.fileId);
    let moveFrom: FileRecord | null = null;
    for (const c of candidates) {
      if (!c.present) {
        moveFrom = c;
        break;
      }
      try {
        await fs.access(path.join(inbox.path, ...c.relPath.split('/')));
      } catch {
        moveFrom = c;
        break;
      }
    }

    let caseId = 0;
    let documentId = 0;
    ledger.tx(() => {
      caseId = ledger.cases.ensure(t.inboxId, loc.key, loc.folder).id;
      const { doc, created } = ledger.documents.insertOrGet({
        sha256,
        size: copy.file.size,
        mime: probe.mime!,
        kind,
        storePath,
        fileId: t.fileId,
        caseId,
      });
      documentId = doc.id;
      const note = extMismatch
        ? ` (the name says .${name.split('.').pop()} but the content is ${probe.mime})`
        : '';
      if (!created && moveFrom) {
        ledger.files.moveTo(moveFrom.id, t.fileId, t.relPath, caseId);
        if (moveFrom.caseId !== caseId)
          ledger.cases.linkDocument(
            caseId,
            doc.id,
            moveFrom.id,
            doc.caseId === caseId ? null : doc.caseId,
          );
        ledger.history.append({
          entity: 'file',
          entityId: moveFrom.id,
          caseId,
          what: 'file_moved',
          from: moveFrom.relPath,
          to: t.relPath,
          reason: 'same content, new path',
        });
        this.tracked.delete(t.fileId);
        this.o.hub.fileChanged(moveFrom.id);
        return;
      }
      if (!created) {
        const first = doc.firstFileId ? ledger.files.get(doc.firstFileId) : null;
        const firstCase = doc.caseId ? ledger.cases.get(doc.caseId) : null;
        const where = `${first ? first.relPath : 'an earlier file'}${firstCase ? ` (case ${firstCase.key})` : ''}`;
        ledger.files.record(t.fileId, {
          state: 'DUPLICATE',
          reason: `same content as ${where}; it will not be sent again${note}`,
          sha256,
          size: copy.file.size,
          mtimeMs: t.mtimeMs,
          mime: probe.mime!,
          extMismatch,
          kind: doc.kind,
          documentId: doc.id,
          caseId,
        });
        ledger.cases.linkDocument(
          caseId,
          doc.id,
          t.fileId,
          doc.caseId === caseId ? null : doc.caseId,
        );
        ledger.history.append({
          entity: 'file',
          entityId: t.fileId,
          caseId,
          what: 'file_duplicate',
          to: 'DUPLICATE',
          reason: where,
        });
      } else {
        ledger.files.record(t.fileId, {
          state: 'RECORDED',
          reason: note ? note.trim().replace(/^\(|\)$/g, '') : null,
          sha256,
          size: copy.file.size,
          mtimeMs: t.mtimeMs,
          mime: probe.mime!,
          extMismatch,
          kind,
          documentId: doc.id,
          caseId,
        });
        ledger.cases.linkDocument(caseId, doc.id, t.fileId, null);
        ledger.history.append({
          entity: 'file',
          entityId: t.fileId,
          caseId,
          what: 'file_recorded',
          to: 'RECORDED',
          reason: `${kind} ${t.relPath}`,
        });
      }
      ledger.cases.touchFile(caseId);
      ledger.cases.recompute(caseId);
    });
    this.o.hub.caseChanged(caseId);
    this.finish(t);
    this.o.onDocument(documentId);
    this.o.onCaseChanged(caseId);
    if (this.profileOf(inbox).moveProcessed) await this.moveProcessed(inbox, t);
  }

  private async recordCaseData(t: Tracked, inbox: InboxRow, kind: CaseDataKind): Promise<void> {
    const ledger = this.o.ledger;
    const data: CaseDataFile = await readCaseData(t.abs, kind);
    const touched: number[] = [];
    let summary: string;
    ledger.tx(() => {
      if (kind.startsWith('applicant')) {
        const loc = caseOf(t.relPath);
        const kase = ledger.cases.ensure(t.inboxId, loc.key, loc.folder);
        const row = data.rows[0];
        if (row) {
          ledger.cases.setExpected(kase.id, row.data, t.relPath);
          touched.push(kase.id);
        }
        summary = row ? `expected data for case ${loc.key}` : 'no usable expected data';
      } else {
        for (const row of data.rows) {
          const key = row.caseKey!;
          const kase = ledger.cases.ensure(t.inboxId, key, key);
          const current = ledger.cases.get(kase.id);
          // A case's own applicant file wins over the inbox manifest.
          if (current?.expectedSource && /applicant\.(json|csv)$/.test(current.expectedSource))
            continue;
          ledger.cases.setExpected(kase.id, row.data, `${t.relPath} row ${row.row}`);
          touched.push(kase.id);
        }
        summary = `expected data for ${data.rows.length} case(s)`;
      }
      if (data.issues.length)
        summary += `; ${data.issues.length} problem(s): ${summariseIssues(data.issues)}`;
      ledger.files.setState(t.fileId, 'CASE_DATA', summary, {
        mime: kind.endsWith('xlsx')
          ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
          : kind.endsWith('json')
            ? 'application/json'
            : 'text/csv',
      });
      for (const issue of data.issues) {
        ledger.history.append({
          entity: 'file',
          entityId: t.fileId,
          what: 'case_data_problem',
          reason: issue.row
            ? `${t.relPath} row ${issue.row}${issue.field ? ` (${issue.field})` : ''}: ${issue.reason}`
            : `${t.relPath}: ${issue.reason}`,
        });
      }
      for (const id of touched) {
        ledger.cases.touchFile(id);
        ledger.history.append({
          entity: 'case',
          entityId: id,
          caseId: id,
          what: 'expected_data',
          reason: t.relPath,
        });
        ledger.cases.recompute(id);
      }
    });
    for (const id of touched) {
      this.o.hub.caseChanged(id);
      this.o.onCaseChanged(id);
    }
    this.finish(t);
  }

  private recordResultsSheet(t: Tracked, inbox: InboxRow, sheet: ResultsSheet): void {
    const ledger = this.o.ledger;
    let touched: number[] = [];
    ledger.tx(() => {
      const r = importResults(ledger, {
        inboxId: inbox.id,
        provider: sheet.provider,
        rows: sheet.rows,
        source: t.relPath,
        actor: 'system',
      });
      touched = r.caseIds;
      const problems = sheet.issues.length
        ? `; ${sheet.issues.length} row(s) ignored: ${sheet.issues
            .slice(0, 3)
            .map((i) => `row ${i.row}: ${i.reason}`)
            .join('; ')}`
        : '';
      ledger.files.setState(
        t.fileId,
        'CASE_DATA',
        `results import: ${sheet.rows.length} ${sheet.provider} session(s), ${r.created} new${problems}`,
        {
          mime: t.relPath.toLowerCase().endsWith('.xlsx')
            ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
            : 'text/csv',
        },
      );
      for (const issue of sheet.issues) {
        ledger.history.append({
          entity: 'file',
          entityId: t.fileId,
          what: 'case_data_problem',
          reason: `${t.relPath} row ${issue.row}: ${issue.reason}`,
        });
      }
    });
    for (const id of touched) {
      this.o.hub.caseChanged(id);
      this.o.onCaseChanged(id);
    }
    this.finish(t);
  }

  private async moveProcessed(inbox: InboxRow, t: Tracked): Promise<void> {
    const day = new Date().toISOString().slice(0, 10);
    const target = path.join(inbox.path, PROCESSED_FOLDER, day, ...t.relPath.split('/'));
    try {
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.rename(t.abs, target);
      this.o.ledger.tx(() => {
        this.o.ledger.files.markAbsent(t.fileId);
        this.o.ledger.history.append({
          entity: 'file',
          entityId: t.fileId,
          what: 'original_moved',
          to: path.relative(inbox.path, target),
        });
      });
    } catch (err) {
      this.o.log.warn('could not move a processed original', {
        file: t.relPath,
        error: String(err),
      });
    }
  }
}

async function assertFolder(abs: string): Promise<void> {
  let st;
  try {
    st = await fs.stat(abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CheckDeskError(
      'INBOX_NOT_FOUND',
      code === 'ENOENT'
        ? `the inbox folder ${abs} does not exist`
        : `the inbox folder ${abs} cannot be read (${code})`,
    );
  }
  if (!st.isDirectory())
    throw new CheckDeskError('INBOX_NOT_A_FOLDER', `${abs} is a file, not a folder`);
  try {
    await fs.access(abs, fs.constants.R_OK);
  } catch {
    throw new CheckDeskError('INBOX_UNREADABLE', `no permission to read the inbox folder ${abs}`);
  }
}
