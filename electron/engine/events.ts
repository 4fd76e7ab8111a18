/**
 * The engine's event stream. Every envelope carries a sequence number (a UI that sees a gap
 * re-reads a snapshot). Bursts are coalesced: at most one flush per stream every 100 ms, so a
 * backlog of thousands of files catching up after an outage never floods IPC or the UI.
 */
import type { EventEnvelope, EventName, EventPayload, FileRow } from '../../shared/contract.ts';

type Listener = (event: EventEnvelope) => void;

export interface EventHubOptions {
  /** Coalescing window in ms (≤ 10 flushes per second per stream by default). */
  windowMs?: number;
}

export class EventHub {
  private seq = 0;
  private readonly listeners = new Set<Listener>();
  private readonly windowMs: number;
  private timer: NodeJS.Timeout | null = null;
  private pendingStatus: (() => EventPayload<'engine.status'>) | null = null;
  private readonly pendingFiles = { added: new Set<number>(), changed: new Set<number>() };
  private readonly pendingCases = new Set<number>();
  private pendingActivity: EventPayload<'activity'>['events'] = [];
  private readFiles: ((ids: number[]) => FileRow[]) | null = null;

  constructor(options: EventHubOptions = {}) {
    this.windowMs = options.windowMs ?? 100;
  }

  /** How queued file ids become rows at flush time (always the latest state). */
  setFileReader(reader: (ids: number[]) => FileRow[]): void {
    this.readFiles = reader;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Emits immediately (rare, important events such as report progress). */
  emit<N extends EventName>(name: N, payload: EventPayload<N>): void {
    const envelope = { seq: ++this.seq, name, payload } as EventEnvelope;
    for (const l of this.listeners) {
      try {
        l(envelope);
      } catch {
        // a failing listener must not break the engine or other listeners
      }
    }
  }

  /** The status snapshot is computed lazily at flush time: many changes, one read. */
  statusChanged(compute: () => EventPayload<'engine.status'>): void {
    this.pendingStatus = compute;
    this.schedule();
  }

  fileAdded(id: number): void {
    this.pendingFiles.added.add(id);
    this.schedule();
  }

  fileChanged(id: number): void {
    if (!this.pendingFiles.added.has(id)) this.pendingFiles.changed.add(id);
    this.schedule();
  }

  caseChanged(id: number): void {
    this.pendingCases.add(id);
    this.schedule();
  }

  activity(event: EventPayload<'activity'>['events'][number]): void {
    this.pendingActivity.push(event);
    if (this.pendingActivity.length > 500) this.pendingActivity = this.pendingActivity.slice(-500);
    this.schedule();
  }

  private schedule(): void {
    if (this.timer || this.listeners.size === 0) {
      if (this.listeners.size === 0) this.drop();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, this.windowMs);
    this.timer.unref?.();
  }

  private drop(): void {
    this.pendingStatus = null;
    this.pendingFiles.added.clear();
    this.pendingFiles.changed.clear();
    this.pendingCases.clear();
    this.pendingActivity = [];
  }

  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const reader = this.readFiles;
    if (reader) {
      for (const kind of ['added', 'changed'] as const) {
        const ids = [...this.pendingFiles[kind]];
        this.pendingFiles[kind].clear();
        for (let i = 0; i < ids.length; i += 200) {
          const files = reader(ids.slice(i, i + 200));
          if (files.length) this.emit(kind === 'added' ? 'file.added' : 'file.changed', { files });
        }
      }
    }
    if (this.pendingCases.size) {
      const ids = [...this.pendingCases];
      this.pendingCases.clear();
      this.emit('case.changed', { ids });
    }
    if (this.pendingActivity.length) {
      const events = this.pendingActivity;
      this.pendingActivity = [];
      this.emit('activity', { events });
    }
    if (this.pendingStatus) {
      const compute = this.pendingStatus;
      this.pendingStatus = null;
      try {
        this.emit('engine.status', compute());
      } catch {
        // the ledger may be closing; the next change will bring a fresh snapshot
      }
    }
  }

  close(): void {
    this.flush();
    this.listeners.clear();
  }
}
