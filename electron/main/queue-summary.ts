/**
 * One line about the queue for the tray tooltip and menu, from the engine's status snapshot and
 * the supervisor's view of the engine process.
 */
import type { EngineStatus } from '../../shared/contract.ts';
import type { SupervisorState } from './engine-supervisor.ts';

/** Work still moving without a person: what "the batch is finished" waits for. */
export function pendingWork(status: EngineStatus): number {
  const q = status.queue;
  return q.held + q.ready + q.submitting + q.polling + (status.files.WAITING ?? 0);
}

export function queueSummary(status: EngineStatus | null, engine: SupervisorState): string {
  switch (engine.phase) {
    case 'failed':
      return 'Engine stopped — see the CheckDesk window';
    case 'restarting':
      return 'Engine restarting…';
    case 'starting':
      return 'Starting…';
    case 'stopping':
    case 'stopped':
      return 'Stopped';
    case 'running':
      break;
  }
  if (!status) return 'Running';
  const parts: string[] = [];
  const pending = pendingWork(status);
  if (pending > 0) parts.push(`${pending} in queue`);
  if (status.queue.inDoubt > 0) parts.push(`${status.queue.inDoubt} in doubt`);
  if (status.reviewQueue > 0) parts.push(`${status.reviewQueue} to review`);
  return parts.length > 0 ? parts.join(' · ') : 'All done';
}
