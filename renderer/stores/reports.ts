/** Report exports: the engine's list, kept current by 'report.progress' events. */
import { create } from 'zustand';
import type { ReportJob } from '../../shared/contract.ts';
import { invoke, onEvent } from '../ipc/client.ts';
import { onResync } from './engine.ts';

/**
 * Answers and events travel separately (HTTP and the event stream), so a snapshot may be older
 * than an event already applied: a finished job never goes back to running, rows never go back.
 */
function newer(current: ReportJob | undefined, incoming: ReportJob): ReportJob {
  if (!current) return incoming;
  if (current.state !== 'running' && incoming.state === 'running') return current;
  if (current.state === 'running' && incoming.state === 'running' && incoming.rows < current.rows)
    return current;
  return incoming;
}

function sorted(jobs: ReportJob[]): ReportJob[] {
  return jobs.sort((a, b) => b.startedAt - a.startedAt);
}

interface ReportsStore {
  jobs: ReportJob[];
  error: string | null;
  unavailable: boolean;
  load(): Promise<void>;
}

export const useReports = create<ReportsStore>((set, get) => ({
  jobs: [],
  error: null,
  unavailable: false,
  async load() {
    const r = await invoke('reports.list');
    if (!r.ok) {
      set({ error: r.error.message, unavailable: r.error.code === 'NOT_AVAILABLE' });
      return;
    }
    const known = new Map(get().jobs.map((j) => [j.id, j]));
    const listed = r.value.map((j) => newer(known.get(j.id), j));
    // Jobs announced by an event but not yet in the snapshot stay.
    const extra = get().jobs.filter((j) => !r.value.some((x) => x.id === j.id));
    set({ jobs: sorted([...listed, ...extra]), error: null, unavailable: false });
  },
}));

export function upsertJob(job: ReportJob): void {
  useReports.setState((s) => {
    const current = s.jobs.find((j) => j.id === job.id);
    const others = s.jobs.filter((j) => j.id !== job.id);
    return { jobs: sorted([newer(current, job), ...others]) };
  });
}

let started = false;

export function startReportsSync(): void {
  if (started) return;
  started = true;
  onEvent((e) => {
    if (e.name === 'report.progress') upsertJob(e.payload as ReportJob);
  });
  onResync(() => void useReports.getState().load());
}
