/**
 * `providers.configure` as main sees it: the secrets in the arguments (apiKey, and any option whose
 * name looks secret, e.g. secretKey) are checked for a safe place to live before the engine sees
 * them, and stored encrypted once the engine has accepted them. At every engine start the stored
 * settings become the ProviderConfig list of the init message.
 */
import type { HandlerParsedArgs } from '../../shared/contract.ts';
import { CheckDeskError, type ErrorData } from '../../shared/errors.ts';
import { isSecretKey } from '../../shared/redact.ts';
import type { ProviderConfig } from '../engine/providers/types.ts';
import type { CredentialStore, ProviderChange } from './credentials-store.ts';

export type ConfigureArgs = HandlerParsedArgs<'providers.configure'>;

export function splitConfigure(args: ConfigureArgs): { change: ProviderChange; storesSecrets: boolean } {
  const setSecrets: Record<string, string> = {};
  const removeSecrets: string[] = [];
  if (typeof args.apiKey === 'string' && args.apiKey !== '') setSecrets.apiKey = args.apiKey;
  else if (args.apiKey === null || args.apiKey === '') removeSecrets.push('apiKey');

  let options: Record<string, string> | undefined;
  if (args.options) {
    options = {};
    for (const [key, value] of Object.entries(args.options)) {
      if (!isSecretKey(key)) options[key] = value;
      else if (value !== '') setSecrets[key] = value;
      else removeSecrets.push(key);
    }
  }
  const change: ProviderChange = {
    ...(args.baseUrl !== undefined ? { baseUrl: args.baseUrl } : {}),
    ...(options ? { options } : {}),
    ...(args.enabled !== undefined ? { enabled: args.enabled } : {}),
    setSecrets,
    removeSecrets,
  };
  return { change, storesSecrets: Object.keys(setSecrets).length > 0 };
}

export class ProviderCredentials {
  private readonly store: CredentialStore;

  constructor(store: CredentialStore) {
    this.store = store;
  }

  /** Refusal before anything happens: a secret that cannot be stored safely is not taken at all. */
  refuse(args: ConfigureArgs): ErrorData | null {
    if (!splitConfigure(args).storesSecrets) return null;
    const problem = this.store.problem();
    return problem ? { code: 'SECURE_STORAGE_UNAVAILABLE', message: problem, retryable: false } : null;
  }

  /** After the engine accepted the configuration. */
  persist(args: ConfigureArgs): ErrorData | null {
    try {
      this.store.update(args.name, splitConfigure(args).change);
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
      if (!provider.enabled) continue;
      if (!provider.baseUrl) {
        if (Object.keys(provider.credentials).length > 0) {
          warnings.push(`A key is saved for ${provider.name} but no server address; set the address in Settings to use it.`);
        }
        continue;
      }
      configs.push({ name: provider.name, baseUrl: provider.baseUrl, credentials: provider.credentials, options: provider.options, sandbox: false });
    }
    return { configs, warnings };
  }

  knownSecrets(): string[] {
    return this.store.knownSecrets();
  }
}
