/**
 * Engine state as the UI knows it: a cache of the engine's status snapshot, never the source of
 * truth. Events carry sequence numbers; on a gap (or a reconnect) the snapshot is read again and
 * every other cache is told to re-read too (`onResync`).
 */
import { create } from 'zustand';
import type { EngineStatus } from '../../shared/contract.ts';
import { progressSample, type ProgressSample } from '../features/dashboard/throughput.ts';
import { invoke, onConnection, onEvent, type ConnectionState } from '../ipc/client.ts';

interface EngineStore {
  status: EngineStatus | null;
  connection: ConnectionState;
  lastSeq: number;
  error: string | null;
  /** Successive queue snapshots (newest last) for throughput and ETA. */
  samples: ProgressSample[];
  refresh(): Promise<void>;
}

const MAX_SAMPLES = 240;
const SAMPLE_WINDOW_MS = 15 * 60_000;

function withSample(samples: ProgressSample[], status: EngineStatus): ProgressSample[] {
  const s = progressSample(status, Date.now());
  const last = samples[samples.length - 1];
  // Same numbers as the last sample: nothing moved, keep the older timestamp (it carries the rate).
  if (last && last.processed === s.processed && last.remaining === s.remaining) return samples;
  const kept = samples.filter((x) => s.at - x.at <= SAMPLE_WINDOW_MS);
  kept.push(s);
  return kept.length > MAX_SAMPLES ? kept.slice(kept.length - MAX_SAMPLES) : kept;
}

export const useEngine = create<EngineStore>((set, get) => ({
  status: null,
  connection: 'connecting',
  lastSeq: 0,
  error: null,
  samples: [],
  async refresh() {
    const r = await invoke('engine.status');
    if (r.ok) set({ status: r.value, error: null, samples: withSample(get().samples, r.value) });
    else set({ error: r.error.message });
  },
}));

const NO_INBOXES: EngineStatus['inboxes'] = [];

/** The inboxes of the latest snapshot (a stable empty list before the first one). */
export function useInboxes(): EngineStatus['inboxes'] {
  return useEngine((s) => s.status?.inboxes ?? NO_INBOXES);
}

const resyncListeners = new Set<() => void>();

/** Called when events may have been missed: caches re-read what they show. */
export function onResync(listener: () => void): () => void {
  resyncListeners.add(listener);
  return () => resyncListeners.delete(listener);
}

function resync(): void {
  void useEngine.getState().refresh();
  for (const l of resyncListeners) l();
}

let started = false;

/** Wires the store to the event stream once (called by the app shell). */
export function startEngineSync(): void {
  if (started) return;
  started = true;
  void useEngine.getState().refresh();
  let wasOpen = false;
  onConnection((connection) => {
    useEngine.setState({ connection });
    if (connection === 'open') {
      // The stream's sequence restarts with a new connection.
      useEngine.setState({ lastSeq: 0 });
      if (wasOpen) resync();
      else void useEngine.getState().refresh();
      wasOpen = true;
    }
  });
  onEvent((e) => {
    const { lastSeq } = useEngine.getState();
    const gap = lastSeq !== 0 && e.seq !== lastSeq + 1;
    useEngine.setState({ lastSeq: e.seq });
    if (e.name === 'engine.status') {
      const status = e.payload as EngineStatus;
      useEngine.setState((s) => ({ status, samples: withSample(s.samples, status) }));
    }
    if (gap) resync();
  });
}
