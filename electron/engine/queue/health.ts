/**
 * Provider health: the online gate in front of the queue. Offline is decided by failing to reach
 * the provider, never by the OS's idea of "online"; while a provider is offline nothing is
 * attempted and a probe with backoff finds out when it is back, then wakes the queue.
 * Rate limits pause a provider until the time it gave; auth and credit problems pause it until a
 * person acts (or a slow probe sees them fixed).
 */
import type { ProviderHealth as Health } from '../../../shared/contract.ts';
import type { ProviderName } from '../../../shared/model.ts';
import type { Ledger } from '../ledger/index.ts';
import type { EngineLogger } from '../log.ts';
import { ProviderError } from '../providers/errors.ts';
import type { ProviderRegistry } from '../providers/registry.ts';
import type { ProviderContext } from '../providers/types.ts';

export type Gate =
  { open: true } | { open: false; health: Health; until: number | null; reason: string | null };

export interface HealthOptions {
  ledger: Ledger;
  registry: ProviderRegistry;
  log: EngineLogger;
  context(name: ProviderName, signal: AbortSignal): ProviderContext;
  onChange(): void;
  /** First probe delay and cap for an offline provider. */
  probeBaseMs?: number;
  probeCapMs?: number;
  /** How often a provider paused for credentials or credit is probed anyway. */
  slowProbeMs?: number;
}

export class ProviderHealthMonitor {
  private readonly timers = new Map<ProviderName, NodeJS.Timeout>();
  private readonly probeDelay = new Map<ProviderName, number>();
  private stopped = false;
  private readonly abort = new AbortController();

  constructor(private readonly o: HealthOptions) {}

  start(): void {
    const now = this.o.ledger.now();
    for (const { config } of this.o.registry.list()) {
      const s = this.o.ledger.providers.get(config.name);
      if (s.health === 'offline') this.scheduleProbe(config.name, 0);
      else if (s.health === 'auth_failed' || s.health === 'no_credit')
        this.scheduleProbe(config.name, this.o.slowProbeMs ?? 300_000);
      else if (s.health === 'rate_limited' && (s.pausedUntil ?? 0) <= now)
        this.set(config.name, 'online', null, null);
    }
  }

  stop(): void {
    this.stopped = true;
    this.abort.abort();
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  gate(name: ProviderName): Gate {
    const s = this.o.ledger.providers.get(name);
    const now = this.o.ledger.now();
    switch (s.health) {
      case 'offline':
      case 'auth_failed':
      case 'no_credit':
      case 'disabled':
        return { open: false, health: s.health, until: s.pausedUntil, reason: s.reason };
      case 'rate_limited':
        if ((s.pausedUntil ?? 0) > now)
          return { open: false, health: s.health, until: s.pausedUntil, reason: s.reason };
        return { open: true };
      default:
        return { open: true };
    }
  }

  /** Earliest time a closed gate may open by itself (rate limits), for the runner's timer. */
  reopensAt(name: ProviderName): number | null {
    const s = this.o.ledger.providers.get(name);
    return s.health === 'rate_limited' ? s.pausedUntil : null;
  }

  private set(
    name: ProviderName,
    health: Health,
    until: number | null,
    reason: string | null,
  ): void {
    if (this.o.ledger.providers.set(name, health, { pausedUntil: until, reason })) {
      this.o.ledger.history.append({
        entity: 'provider',
        what: 'provider_health',
        to: health,
        reason: reason ? `${name}: ${reason}` : name,
      });
      if (health !== 'online')
        this.o.log.warn('provider paused', { provider: name, health, reason });
      else this.o.log.info('provider online', { provider: name });
      this.o.onChange();
    }
  }

  online(name: ProviderName): void {
    const s = this.o.ledger.providers.get(name);
    if (s.health !== 'online') this.set(name, 'online', null, null);
    this.probeDelay.delete(name);
  }

  offline(name: ProviderName, reason: string): void {
    const s = this.o.ledger.providers.get(name);
    if (s.health === 'offline') return;
    this.set(name, 'offline', null, reason);
    this.scheduleProbe(name, this.o.probeBaseMs ?? 2000);
  }

  rateLimited(name: ProviderName, until: number, reason: string): void {
    this.set(name, 'rate_limited', until, reason);
  }

  authFailed(name: ProviderName, reason: string): void {
    this.set(name, 'auth_failed', null, `credentials were refused: ${reason}`);
    this.scheduleProbe(name, this.o.slowProbeMs ?? 300_000);
  }

  noCredit(name: ProviderName, reason: string): void {
    this.set(name, 'no_credit', null, `out of credit or quota: ${reason}`);
    this.scheduleProbe(name, this.o.slowProbeMs ?? 300_000);
  }

  /** A person fixed the cause (new key, top-up): try again now. */
  resume(name: ProviderName): void {
    this.set(name, 'unknown', null, null);
    this.scheduleProbe(name, 0);
  }

  private scheduleProbe(name: ProviderName, delayMs: number): void {
    if (this.stopped) return;
    const existing = this.timers.get(name);
    if (existing) clearTimeout(existing);
    const t = setTimeout(() => {
      this.timers.delete(name);
      void this.probe(name);
    }, delayMs);
    t.unref?.();
    this.timers.set(name, t);
  }

  private async probe(name: ProviderName): Promise<void> {
    const entry = this.o.registry.get(name);
    if (!entry || this.stopped) return;
    const before = this.o.ledger.providers.get(name).health;
    try {
      await entry.adapter.probe(this.o.context(name, this.abort.signal));
      this.online(name);
    } catch (err) {
      if (this.stopped) return;
      const e = err instanceof ProviderError ? err : null;
      const base = this.o.probeBaseMs ?? 2000;
      const next = Math.min(this.o.probeCapMs ?? 60_000, (this.probeDelay.get(name) ?? base) * 2);
      this.probeDelay.set(name, next);
      if (e?.kind === 'http' && (e.status === 401 || e.status === 403) && before !== 'no_credit') {
        if (before !== 'auth_failed') this.authFailed(name, e.message);
        else this.scheduleProbe(name, this.o.slowProbeMs ?? 300_000);
      } else if (before === 'auth_failed' || before === 'no_credit') {
        this.scheduleProbe(name, this.o.slowProbeMs ?? 300_000);
      } else {
        if (before !== 'offline') this.set(name, 'offline', null, e?.message ?? String(err));
        this.scheduleProbe(name, next);
      }
    }
  }
}
