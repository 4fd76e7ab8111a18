/**
 * Engine state as the UI knows it: a cache of the engine's status snapshot, never the source of
 * truth. Events carry sequence numbers; on a gap the snapshot is read again.
 */
import { create } from 'zustand';
import type { EngineStatus } from '../../shared/contract.ts';
import { invoke, onConnection, onEvent, type ConnectionState } from '../ipc/client.ts';

interface EngineStore {
  status: EngineStatus | null;
  connection: ConnectionState;
  lastSeq: number;
  error: string | null;
  refresh(): Promise<void>;
}

export const useEngine = create<EngineStore>((set) => ({
  status: null,
  connection: 'connecting',
  lastSeq: 0,
  error: null,
  async refresh() {
    const r = await invoke('engine.status');
    if (r.ok) set({ status: r.value, error: null });
    else set({ error: r.error.message });
  },
}));

let started = false;

/** Wires the store to the event stream once (called by the app shell). */
export function startEngineSync(): void {
  if (started) return;
  started = true;
  void useEngine.getState().refresh();
  onConnection((connection) => {
    useEngine.setState({ connection });
    if (connection === 'open') void useEngine.getState().refresh();
  });
  onEvent((e) => {
    const { lastSeq } = useEngine.getState();
    const gap = lastSeq !== 0 && e.seq !== lastSeq + 1;
    useEngine.setState({ lastSeq: e.seq });
    if (e.name === 'engine.status') useEngine.setState({ status: e.payload as EngineStatus });
    else if (gap) void useEngine.getState().refresh();
  });
}
