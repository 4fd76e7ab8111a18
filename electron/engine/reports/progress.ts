/** Progress of an export, throttled so a UI or an IPC channel is never flooded (≤ 10 calls a second). */
export type ExportPhase =
  'summary' | 'services' | 'checks' | 'history' | 'fields' | 'json' | 'finishing';

export interface ExportProgress {
  phase: ExportPhase;
  rows: number;
  total: number | null;
}

const MIN_INTERVAL_MS = 100;

export class ProgressMeter {
  private phaseName: ExportPhase = 'summary';
  private rowCount = 0;
  private last = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly listener: ((p: ExportProgress) => void) | undefined,
    public total: number | null = null,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get rows(): number {
    return this.rowCount;
  }

  phase(phase: ExportPhase): void {
    this.phaseName = phase;
    this.emit(false);
  }

  add(rows: number): void {
    this.rowCount += rows;
    // Cheap common path: most rows never look at the clock.
    if ((this.rowCount & 0xff) === 0) this.emit(false);
  }

  /** The last word, sent even inside the throttle window so a listener always sees the end. */
  done(): void {
    this.emit(true);
  }

  private emit(force: boolean): void {
    if (!this.listener) return;
    const t = this.now();
    if (!force && t - this.last < MIN_INTERVAL_MS) return;
    this.last = t;
    this.listener({ phase: this.phaseName, rows: this.rowCount, total: this.total });
  }
}
