/**
 * `providers.configure` as main sees it: the credentials in the arguments (apiKey, every value of
 * `credentials`, and any option whose name looks secret or is one of the provider's credential
 * fields, e.g. secretKey) are checked for a safe place to live before the engine sees them, and
 * stored encrypted once the engine has accepted them. At every engine start the stored settings
 * become the ProviderConfig list of the init message. The split is the engine's own
 * (shared/provider-credentials.ts), so what is stored is what runs.
 */
import type { HandlerParsedArgs } from '../../shared/contract.ts';
import { CheckDeskError, type ErrorData } from '../../shared/errors.ts';
import type { ProviderName } from '../../shared/model.ts';
import { credentialChanges, credentialField } from '../../shared/provider-credentials.ts';
import type { ProviderConfig } from '../engine/providers/types.ts';
import type { CredentialStore, ProviderChange } from './credentials-store.ts';

export type ConfigureArgs = HandlerParsedArgs<'providers.configure'>;

export function splitConfigure(args: ConfigureArgs): {
  change: ProviderChange;
  storesSecrets: boolean;
} {
  const changes = credentialChanges(args.name, args);
  const change: ProviderChange = {
    ...(args.baseUrl !== undefined ? { baseUrl: args.baseUrl } : {}),
    ...(changes.options ? { options: changes.options } : {}),
    ...(args.enabled !== undefined ? { enabled: args.enabled } : {}),
    setSecrets: changes.set,
    removeSecrets: changes.remove,
  };
  return { change, storesSecrets: Object.keys(changes.set).length > 0 };
}

/** Values of credential fields that are identifiers, not secrets (customerId, email). */
function identifierValues(name: ProviderName, credentials: Record<string, string>): string[] {
  return Object.entries(credentials)
    .filter(([key]) => credentialField(name, key)?.secret === false)
    .map(([, value]) => value);
}

export class ProviderCredentials {
  private readonly store: CredentialStore;
  /**
   * Stored values of non-secret fields (customerId, email): encrypted at rest like the rest, but
   * not masked on the way to the window, which shows them in clear.
   */
  private readonly identifiers = new Set<string>();

  constructor(store: CredentialStore) {
    this.store = store;
  }

  /** Refusal before anything happens: a secret that cannot be stored safely is not taken at all. */
  refuse(args: ConfigureArgs): ErrorData | null {
    if (!splitConfigure(args).storesSecrets) return null;
    const problem = this.store.problem();
    return problem
      ? { code: 'SECURE_STORAGE_UNAVAILABLE', message: problem, retryable: false }
      : null;
  }

  /** After the engine accepted the configuration. */
  persist(args: ConfigureArgs): ErrorData | null {
    try {
      const { change } = splitConfigure(args);
      for (const value of identifierValues(args.name, change.setSecrets ?? {}))
        this.identifiers.add(value);
      this.store.update(args.name, change);
      return null;
    } catch (err) {
      const code = err instanceof CheckDeskError ? err.code : 'CREDENTIALS_NOT_SAVED';
      const reason = err instanceof Error ? err.message : String(err);
      return {
        code,
        message: `The provider settings work for now but could not be saved for the next start: ${reason}`,
        retryable: false,
      };
    }
  }

  /** The providers for the engine's init message, with decrypted credentials. */
  providerConfigs(): { configs: ProviderConfig[]; warnings: string[] } {
    const { providers, warnings } = this.store.load();
    const configs: ProviderConfig[] = [];
    for (const provider of providers) {
      for (const value of identifierValues(provider.name, provider.credentials))
        this.identifiers.add(value);
      if (!provider.enabled) continue;
      if (!provider.baseUrl) {
        if (Object.keys(provider.credentials).length > 0) {
          warnings.push(
            `A key is saved for ${provider.name} but no server address; set the address in Settings to use it.`,
          );
        }
        continue;
      }
      configs.push({
        name: provider.name,
        baseUrl: provider.baseUrl,
        credentials: provider.credentials,
        options: provider.options,
        sandbox: false,
      });
    }
    return { configs, warnings };
  }

  /** What to mask in everything sent to the window: every stored secret, not the identifiers. */
  knownSecrets(): string[] {
    return this.store.knownSecrets().filter((value) => !this.identifiers.has(value));
  }
}
