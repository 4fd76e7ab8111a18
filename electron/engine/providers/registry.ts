/**
 * The configured providers and their adapters. With nothing configured, the built-in AnyCheck
 * sandbox starts in-process (state kept in the data dir), so a fresh CheckDesk shows real
 * results with no credentials and no network.
 */
import path from 'node:path';
import type { ProviderStatus } from '../../../shared/contract.ts';
import type { ProviderName } from '../../../shared/model.ts';
import { maskSecret } from '../../../shared/redact.ts';
import { createAdvanceAiAdapter, startAdvanceAiSandbox } from './advanceai/index.ts';
import { createAiPriseAdapter, startAiPriseSandbox } from './aiprise/index.ts';
import { createAnyCheckAdapter, startAnyCheckSandbox } from './anycheck/index.ts';
import { createCollecktAdapter, startCollecktSandbox } from './colleckt/index.ts';
import { createFrankieOneAdapter, startFrankieOneSandbox } from './frankieone/index.ts';
import type { Logger, ProviderAdapter, ProviderConfig, RunningSandbox, SandboxOptions } from './types.ts';

export const ADAPTERS: Record<ProviderName, (config: ProviderConfig) => ProviderAdapter> = {
  anycheck: createAnyCheckAdapter,
  colleckt: createCollecktAdapter,
  frankieone: createFrankieOneAdapter,
  advanceai: createAdvanceAiAdapter,
  aiprise: createAiPriseAdapter,
};

export const SANDBOXES: Record<ProviderName, (options: SandboxOptions) => Promise<RunningSandbox>> = {
  anycheck: startAnyCheckSandbox,
  colleckt: startCollecktSandbox,
  frankieone: startFrankieOneSandbox,
  advanceai: startAdvanceAiSandbox,
  aiprise: startAiPriseSandbox,
};

/** Which credential a provider's "API key" field means, for configuration from the UI. */
const PRIMARY_CREDENTIAL: Record<ProviderName, string> = {
  anycheck: 'apiKey',
  colleckt: 'token',
  frankieone: 'apiKey',
  advanceai: 'accessKey',
  aiprise: 'apiKey',
};

export interface ProviderEntry {
  config: ProviderConfig;
  adapter: ProviderAdapter;
}

export class ProviderRegistry {
  private readonly entries = new Map<ProviderName, ProviderEntry>();
  private sandbox: RunningSandbox | null = null;

  constructor(
    private readonly options: { dataDir: string; log: Logger; configs: ProviderConfig[]; autoSandbox: boolean },
  ) {}

  async start(): Promise<void> {
    for (const config of this.options.configs) this.set(config);
    if (this.entries.size === 0 && this.options.autoSandbox) {
      this.sandbox = await startAnyCheckSandbox({
        stateFile: path.join(this.options.dataDir, 'sandbox', 'anycheck.jsonl'),
        log: this.options.log,
      });
      this.set({
        name: 'anycheck',
        baseUrl: this.sandbox.url,
        credentials: { apiKey: this.sandbox.apiKey },
        options: {},
        sandbox: true,
      });
      this.options.log.info('no provider configured: using the built-in AnyCheck sandbox', { url: this.sandbox.url });
    }
  }

  async stop(): Promise<void> {
    await this.sandbox?.close();
    this.sandbox = null;
  }

  private set(config: ProviderConfig): void {
    this.entries.set(config.name, { config, adapter: ADAPTERS[config.name](config) });
  }

  get(name: ProviderName): ProviderEntry | null {
    return this.entries.get(name) ?? null;
  }

  list(): ProviderEntry[] {
    return [...this.entries.values()];
  }

  /** Applies a change from the UI or the desktop shell; the secret stays in memory only. */
  configure(name: ProviderName, patch: { baseUrl?: string | null; apiKey?: string | null; options?: Record<string, string>; enabled?: boolean }): void {
    if (patch.enabled === false) {
      this.entries.delete(name);
      return;
    }
    const current = this.entries.get(name)?.config;
    const baseUrl = patch.baseUrl ?? current?.baseUrl;
    if (!baseUrl) throw new Error(`${name} needs a base URL`);
    const credentials = { ...(current?.sandbox ? {} : current?.credentials) };
    if (patch.apiKey) credentials[PRIMARY_CREDENTIAL[name]] = patch.apiKey;
    this.set({
      name,
      baseUrl,
      credentials,
      options: { ...(current?.options ?? {}), ...(patch.options ?? {}) },
      sandbox: current?.sandbox === true && !patch.apiKey && (patch.baseUrl === undefined || patch.baseUrl === current.baseUrl),
      concurrency: current?.concurrency,
      ratePerSecond: current?.ratePerSecond,
      timeoutMs: current?.timeoutMs,
    });
  }

  describe(name: ProviderName): Pick<ProviderStatus, 'sandbox' | 'baseUrl' | 'configured' | 'credential'> {
    const entry = this.entries.get(name);
    if (!entry) return { sandbox: false, baseUrl: null, configured: false, credential: null };
    const secret = entry.config.credentials[PRIMARY_CREDENTIAL[name]] ?? Object.values(entry.config.credentials)[0] ?? null;
    return { sandbox: entry.config.sandbox, baseUrl: entry.config.baseUrl, configured: true, credential: maskSecret(secret) };
  }

  /** Every secret value currently configured (for scrubbing error texts). */
  secrets(): string[] {
    return this.list().flatMap((e) => Object.values(e.config.credentials));
  }
}
