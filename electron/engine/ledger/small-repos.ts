/** Provider health, settings and engine instances: small tables with simple access. */
import type { Database } from 'better-sqlite3';
import type { ProviderHealth } from '../../../shared/contract.ts';
import { parseJson, StatementCache } from './sql-util.ts';

export interface ProviderStateRecord {
  provider: string;
  health: ProviderHealth;
  pausedUntil: number | null;
  reason: string | null;
  lastOkAt: number | null;
  lastErrorAt: number | null;
  probeFailures: number;
}

export class ProviderStateRepo {
  private readonly sql: StatementCache;

  constructor(
    private readonly db: Database,
    private readonly now: () => number,
  ) {
    this.sql = new StatementCache(db);
  }

  get(provider: string): ProviderStateRecord {
    const r = this.sql.get(`SELECT * FROM provider_state WHERE provider = ?`).get(provider) as
      | {
          provider: string;
          health: string;
          paused_until: number | null;
          reason: string | null;
          last_ok_at: number | null;
          last_error_at: number | null;
          probe_failures: number;
        }
      | undefined;
    if (!r) {
      return {
        provider,
        health: 'unknown',
        pausedUntil: null,
        reason: null,
        lastOkAt: null,
        lastErrorAt: null,
        probeFailures: 0,
      };
    }
    return {
      provider: r.provider,
      health: r.health as ProviderHealth,
      pausedUntil: r.paused_until,
      reason: r.reason,
      lastOkAt: r.last_ok_at,
      lastErrorAt: r.last_error_at,
      probeFailures: r.probe_failures,
    };
  }

  /** Returns true when health or pause actually changed (callers emit one event per change). */
  set(
    provider: string,
    health: ProviderHealth,
    opts: { pausedUntil?: number | null; reason?: string | null } = {},
  ): boolean {
    const before = this.get(provider);
    const at = this.now();
    const ok = health === 'online';
    const pausedUntil = opts.pausedUntil ?? null;
    const reason = opts.reason ?? null;
    this.sql
      .get(
        `INSERT INTO provider_state (provider, health, paused_until, reason, last_ok_at, last_error_at, probe_failures, updated_at)
         VALUES (@provider, @health, @pausedUntil, @reason, @okAt, @errAt, @failures, @at)
         ON CONFLICT(provider) DO UPDATE SET health = @health, paused_until = @pausedUntil, reason = @reason,
           last_ok_at = coalesce(@okAt, last_ok_at), last_error_at = coalesce(@errAt, last_error_at),
           probe_failures = @failures, updated_at = @at`,
      )
      .run({
        provider,
        health,
        pausedUntil,
        reason,
        okAt: ok ? at : null,
        errAt: ok ? null : at,
        failures: ok ? 0 : health === 'offline' ? before.probeFailures + 1 : before.probeFailures,
        at,
      });
    return (
      before.health !== health || before.pausedUntil !== pausedUntil || before.reason !== reason
    );
  }

  /** Providers this ledger has ever talked to. */
  names(): string[] {
    return (
      this.sql.get(`SELECT provider FROM provider_state ORDER BY provider`).all() as {
        provider: string;
      }[]
    ).map((r) => r.provider);
  }

  cache<T>(provider: string): T | null {
    const r = this.sql.get(`SELECT cache FROM provider_state WHERE provider = ?`).get(provider) as
      { cache: string | null } | undefined;
    return parseJson<T | null>(r?.cache, null);
  }

  setCache(provider: string, value: unknown): void {
    const at = this.now();
    this.sql
      .get(
        `INSERT INTO provider_state (provider, cache, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(provider) DO UPDATE SET cache = excluded.cache`,
      )
      .run(provider, JSON.stringify(value), at);
  }
}

export class SettingsRepo {
  private readonly sql: StatementCache;

  constructor(
    private readonly db: Database,
    private readonly now: () => number,
  ) {
    this.sql = new StatementCache(db);
  }

  get<T>(key: string, fallback: T): T {
    const r = this.sql.get(`SELECT value FROM settings WHERE key = ?`).get(key) as
      { value: string } | undefined;
    return r ? parseJson<T>(r.value, fallback) : fallback;
  }

  set(key: string, value: unknown): void {
    this.sql
      .get(
        `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      )
      .run(key, JSON.stringify(value), this.now());
  }
}

export interface EngineInstance {
  id: string;
  pid: number;
  host: string;
  startedAt: number;
  heartbeatAt: number;
}

export class InstanceRepo {
  private readonly sql: StatementCache;

  constructor(
    private readonly db: Database,
    private readonly now: () => number,
  ) {
    this.sql = new StatementCache(db);
  }

  register(id: string, pid: number, host: string): void {
    const at = this.now();
    this.sql
      .get(
        `INSERT OR REPLACE INTO engine_instances (id, pid, host, started_at, heartbeat_at) VALUES (?, ?, ?, ?, ?)`,
      )
      .run(id, pid, host, at, at);
  }

  heartbeat(id: string): void {
    this.sql.get(`UPDATE engine_instances SET heartbeat_at = ? WHERE id = ?`).run(this.now(), id);
  }

  unregister(id: string): void {
    this.sql.get(`DELETE FROM engine_instances WHERE id = ?`).run(id);
  }

  list(): EngineInstance[] {
    return (
      this.sql.get(`SELECT * FROM engine_instances`).all() as {
        id: string;
        pid: number;
        host: string;
        started_at: number;
        heartbeat_at: number;
      }[]
    ).map((r) => ({
      id: r.id,
      pid: r.pid,
      host: r.host,
      startedAt: r.started_at,
      heartbeatAt: r.heartbeat_at,
    }));
  }

  /** Owners of leases that are not registered live instances (crashed engines, old sessions). */
  orphanOwners(live: readonly string[]): string[] {
    const rows = this.sql
      .get(`SELECT DISTINCT lease_owner AS owner FROM verifications WHERE lease_owner IS NOT NULL`)
      .all() as { owner: string }[];
    return rows.map((r) => r.owner).filter((o) => !live.includes(o));
  }
}
