/**
 * The shell's own state as the window sees it (engine supervision + warnings), sent as
 * 'shell.state' envelopes with their own sequence numbers and readable on demand.
 */
import type { ShellEnvelope, ShellState } from '../../shared/bridge.ts';
import type { SupervisorState } from './engine-supervisor.ts';

export class ShellStateHub {
  private readonly send: (envelope: ShellEnvelope) => void;
  private seq = 0;
  private engine: SupervisorState;
  private warnings: string[] = [];

  constructor(send: (envelope: ShellEnvelope) => void, engine: SupervisorState) {
    this.send = send;
    this.engine = engine;
  }

  current(): ShellState {
    return { engine: { ...this.engine }, warnings: [...this.warnings] };
  }

  setEngine(engine: SupervisorState): void {
    this.engine = engine;
    this.emit();
  }

  setWarnings(warnings: readonly string[]): void {
    const next = [...new Set(warnings)];
    if (next.length === this.warnings.length && next.every((w, i) => w === this.warnings[i]))
      return;
    this.warnings = next;
    this.emit();
  }

  /** Re-sends the current state (a window that just (re)loaded). */
  emit(): void {
    this.send({ seq: ++this.seq, name: 'shell.state', payload: this.current() });
  }
}
