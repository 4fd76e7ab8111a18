/**
 * The configured providers and their adapters. With nothing configured, the built-in AnyCheck
 * sandbox starts in-process (state kept in the data dir), so a fresh CheckDesk shows real
 * results with no credentials and no network.
 */
import path from 'node:path';
import type { ProviderStatus } from '../../../shared/contract.ts';
import { PROVIDER_NAMES, type ProviderName } from '../../../shared/model.ts';
import {
  credentialChanges,
  credentialFields as credentialFieldsOf,
  missingCredentials,
  primaryCredential,
  unknownCredentialKeys,
} from '../../../shared/provider-credentials.ts';
import { maskSecret } from '../../../shared/redact.ts';
import { createAdvanceAiAdapter, startAdvanceAiSandbox } from './advanceai/index.ts';
import { createAiPriseAdapter, startAiPriseSandbox } from './aiprise/index.ts';
import { createAnyCheckAdapter, startAnyCheckSandbox } from './anycheck/index.ts';
import { createCollecktAdapter, startCollecktSandbox } from './colleckt/index.ts';
import { createFrankieOneAdapter, startFrankieOneSandbox } from './frankieone/index.ts';
import type {
  Logger,
  ProviderAdapter,
  ProviderConfig,
  RunningSandbox,
  SandboxOptions,
} from './types.ts';

export const ADAPTERS: Record<ProviderName, (config: ProviderConfig) => ProviderAdapter> = {
  anycheck: createAnyCheckAdapter,
  colleckt: createCollecktAdapter,
  frankieone: createFrankieOneAdapter,
  advanceai: createAdvanceAiAdapter,
  aiprise: createAiPriseAdapter,
};

export const SANDBOXES: Record<ProviderName, (options: SandboxOptions) => Promise<RunningSandbox>> =
  {
    anycheck: startAnyCheckSandbox,
    colleckt: startCollecktSandbox,
    frankieone: startFrankieOneSandbox,
    advanceai: startAdvanceAiSandbox,
    aiprise: startAiPriseSandbox,
  };

/** Which credential a provider's "API key" field means: the first of its shared table. */
const PRIMARY_CREDENTIAL = Object.fromEntries(
  PROVIDER_NAMES.map((name) => [name, primaryCredential(name)]),
) as Record<ProviderName, string>;

/** One `providers.configure` call as the registry takes it. */
export interface ProviderPatch {
  baseUrl?: string | null;
  /** The primary credential; null or '' removes it. */
  apiKey?: string | null;
  /** Credential fields of the provider's table; null or '' removes one. */
  credentials?: Record<string, string | null>;
  /** Plain options; credential-like names (secret-looking, or in the table) are credentials. */
  options?: Record<string, string>;
  enabled?: boolean;
}

/** Which credential fields a configuration changed: names only, never values. */
export interface CredentialDiff {
  set: string[];
  removed: string[];
}

export interface ProviderEntry {
  config: ProviderConfig;
  adapter: ProviderAdapter;
}

export class ProviderRegistry {
  private readonly entries = new Map<ProviderName, ProviderEntry>();
  private sandbox: RunningSandbox | null = null;

  constructor(
    private readonly options: {
      dataDir: string;
      log: Logger;
      configs: ProviderConfig[];
      autoSandbox: boolean;
    },
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
      this.options.log.info('no provider configured: using the built-in AnyCheck sandbox', {
        url: this.sandbox.url,
      });
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

  /**
   * Applies a change from the UI or the desktop shell; secrets stay in memory only. Checks
   * everything before changing anything: an unknown credential name or a missing base URL
   * leaves the provider as it was.
   */
  configure(name: ProviderName, patch: ProviderPatch): CredentialDiff {
    const unknown = unknownCredentialKeys(name, Object.keys(patch.credentials ?? {}));
    if (unknown) throw new Error(unknown);
    if (patch.enabled === false) {
      this.entries.delete(name);
      return { set: [], removed: [] };
    }
    const current = this.entries.get(name)?.config;
    const baseUrl = patch.baseUrl ?? current?.baseUrl;
    if (!baseUrl) throw new Error(`${name} needs a base URL`);
    const changes = credentialChanges(name, patch);
    const touched = Object.keys(changes.set).length > 0 || changes.remove.length > 0;
    const sandbox =
      current?.sandbox === true &&
      !touched &&
      (patch.baseUrl === undefined || patch.baseUrl === current.baseUrl);
    // The built-in sandbox's key stays with the sandbox: leaving it starts from no credentials.
    const before = current && (!current.sandbox || sandbox) ? current.credentials : {};
    const credentials = { ...before };
    for (const key of changes.remove) delete credentials[key];
    Object.assign(credentials, changes.set);
    this.set({
      name,
      baseUrl,
      credentials,
      options: { ...(current?.options ?? {}), ...(changes.options ?? {}) },
      sandbox,
      concurrency: current?.concurrency,
      ratePerSecond: current?.ratePerSecond,
      timeoutMs: current?.timeoutMs,
    });
    return {
      set: Object.keys(changes.set).filter((k) => before[k] !== changes.set[k]),
      removed: changes.remove.filter((k) => before[k] !== undefined),
    };
  }

  /**
   * The configuration part of a provider's status. When required credentials are missing it
   * carries `reason` too (that is what a person has to fix first); otherwise it has no `reason`
   * key, so the health's own reason stands.
   */
  describe(
    name: ProviderName,
  ): Pick<
    ProviderStatus,
    'sandbox' | 'baseUrl' | 'configured' | 'credential' | 'credentialFields'
  > & { reason?: string } {
    const entry = this.entries.get(name);
    const credentials = entry?.config.credentials ?? {};
    const problem = entry && !entry.config.sandbox ? missingCredentials(name, credentials) : null;
    const credentialFields = credentialFieldsOf(name).map((f) => {
      const value = credentials[f.key];
      return {
        key: f.key,
        secret: f.secret,
        set: !!value,
        display: value ? (f.secret ? maskSecret(value) : value) : null,
        missing: problem?.missing.includes(f.key) ?? false,
      };
    });
    if (!entry)
      return {
        sandbox: false,
        baseUrl: null,
        configured: false,
        credential: null,
        credentialFields,
      };
    const secret =
      entry.config.credentials[PRIMARY_CREDENTIAL[name]] ??
      Object.values(entry.config.credentials)[0] ??
      null;
    return {
      sandbox: entry.config.sandbox,
      baseUrl: entry.config.baseUrl,
      configured: true,
      credential: maskSecret(secret),
      credentialFields,
      ...(problem ? { reason: problem.text } : {}),
    };
  }

  /** Why a configured provider cannot be used yet (required credentials missing), in plain words. */
  missing(name: ProviderName): string | null {
    const entry = this.entries.get(name);
    if (!entry || entry.config.sandbox) return null;
    return missingCredentials(name, entry.config.credentials)?.text ?? null;
  }

  /** Every secret value currently configured (for scrubbing error texts). */
  secrets(): string[] {
    return this.list().flatMap((e) => Object.values(e.config.credentials));
  }
}
