/**
 * Provider credentials at rest: userData/credentials.json holds each provider's non-secret
 * settings in clear and every secret as a safeStorage-encrypted blob (base64). Nothing is ever
 * written in clear: where safeStorage is unavailable, or on Linux falls back to its hard-coded
 * "basic_text" password, saving a secret is refused with an explanation instead.
 *
 * A blob that no longer decrypts (keyring reset, copied profile) is a normal event: the provider
 * is skipped with a warning asking for the key again, the app keeps running.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { CheckDeskError } from '../../shared/errors.ts';
import { ProviderName } from '../../shared/model.ts';

/** The slice of Electron's safeStorage used here (Electron 41: synchronous API). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend(): string;
}

const StoredProvider = z.object({
  baseUrl: z.string().nullable(),
  options: z.record(z.string(), z.string()),
  enabled: z.boolean(),
  /** Secret name → base64 of the safeStorage blob. */
  secrets: z.record(z.string(), z.string()),
  updatedAt: z.number(),
});
type StoredProvider = z.infer<typeof StoredProvider>;

const CredentialsFile = z.object({
  version: z.literal(1),
  providers: z.partialRecord(ProviderName, StoredProvider),
});
type CredentialsFile = z.infer<typeof CredentialsFile>;

export interface ProviderChange {
  baseUrl?: string | null;
  /** Non-secret options; replaces the stored ones when given. */
  options?: Record<string, string>;
  enabled?: boolean;
  /** Secrets to store (name → clear value). */
  setSecrets?: Record<string, string>;
  /** Secret names to forget. */
  removeSecrets?: string[];
}

export interface LoadedProvider {
  name: ProviderName;
  baseUrl: string | null;
  options: Record<string, string>;
  enabled: boolean;
  credentials: Record<string, string>;
}

/**
 * Why secrets cannot be stored safely here, in words for the person at the desk; null when they
 * can. Called after app 'ready' (before it, safeStorage always says unavailable).
 */
export function secureStorageProblem(
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform,
): string | null {
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    return (
      'CheckDesk cannot store API keys safely on this computer: no system keyring (GNOME Keyring / libsecret or KWallet) ' +
      'was found, and without one keys would only be hidden behind a password built into Electron. ' +
      'Install or unlock a keyring, then restart CheckDesk and enter the key again.'
    );
  }
  if (!safeStorage.isEncryptionAvailable()) {
    const store =
      platform === 'darwin'
        ? 'the macOS Keychain'
        : platform === 'win32'
          ? 'Windows data protection (DPAPI)'
          : 'the system keyring';
    return `CheckDesk cannot store API keys: ${store} is not available to it right now. Nothing was saved; try again after signing in to the computer normally.`;
  }
  return null;
}

const EMPTY: CredentialsFile = { version: 1, providers: {} };

export class CredentialStore {
  private readonly file: string;
  private readonly safeStorage: SafeStorageLike;
  private readonly platform: NodeJS.Platform;
  private readonly now: () => number;
  /** Clear values decrypted or saved in this session, for scrubbing what goes to the renderer. */
  private readonly known = new Set<string>();

  constructor(options: {
    file: string;
    safeStorage: SafeStorageLike;
    platform: NodeJS.Platform;
    now?: () => number;
  }) {
    this.file = options.file;
    this.safeStorage = options.safeStorage;
    this.platform = options.platform;
    this.now = options.now ?? Date.now;
  }

  problem(): string | null {
    return secureStorageProblem(this.safeStorage, this.platform);
  }

  knownSecrets(): string[] {
    return [...this.known];
  }

  /** Decrypts every stored provider. Never throws: trouble becomes a warning. */
  load(): { providers: LoadedProvider[]; warnings: string[] } {
    const warnings: string[] = [];
    const read = this.read();
    if (read.warning) warnings.push(read.warning);
    const providers: LoadedProvider[] = [];
    for (const name of ProviderName.options) {
      const stored = read.data.providers[name];
      if (!stored) continue;
      const credentials: Record<string, string> = {};
      for (const [key, blob] of Object.entries(stored.secrets)) {
        try {
          const clear = this.safeStorage.decryptString(Buffer.from(blob, 'base64'));
          credentials[key] = clear;
          this.known.add(clear);
        } catch {
          warnings.push(
            `The saved ${key} for ${name} could not be decrypted (the system keyring may have changed). Enter it again in Settings.`,
          );
        }
      }
      providers.push({
        name,
        baseUrl: stored.baseUrl,
        options: { ...stored.options },
        enabled: stored.enabled,
        credentials,
      });
    }
    return { providers, warnings };
  }

  update(name: ProviderName, change: ProviderChange): void {
    const setSecrets = Object.entries(change.setSecrets ?? {});
    if (setSecrets.length > 0) {
      const problem = this.problem();
      if (problem) throw new CheckDeskError('SECURE_STORAGE_UNAVAILABLE', problem);
    }
    const read = this.read();
    if (read.warning) this.setAside();
    const data = read.data;
    const previous: StoredProvider = data.providers[name] ?? {
      baseUrl: null,
      options: {},
      enabled: true,
      secrets: {},
      updatedAt: 0,
    };
    const secrets = { ...previous.secrets };
    for (const key of change.removeSecrets ?? []) delete secrets[key];
    for (const [key, clear] of setSecrets) {
      secrets[key] = this.safeStorage.encryptString(clear).toString('base64');
      this.known.add(clear);
    }
    data.providers[name] = {
      baseUrl: change.baseUrl !== undefined ? change.baseUrl : previous.baseUrl,
      options: change.options ?? previous.options,
      enabled: change.enabled ?? previous.enabled,
      secrets,
      updatedAt: this.now(),
    };
    this.write(data);
  }

  private read(): { data: CredentialsFile; warning: string | null } {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT')
        return { data: structuredClone(EMPTY), warning: null };
      return {
        data: structuredClone(EMPTY),
        warning: `The saved provider keys could not be read (${(err as Error).message}).`,
      };
    }
    try {
      const parsed = CredentialsFile.safeParse(JSON.parse(text));
      if (parsed.success) return { data: parsed.data, warning: null };
    } catch {
      // fall through: unreadable JSON is reported like an invalid shape
    }
    return {
      data: structuredClone(EMPTY),
      warning: 'The saved provider keys file is damaged; enter the keys again in Settings.',
    };
  }

  /** A damaged file is kept beside the new one, never overwritten: someone may want to look. */
  private setAside(): void {
    try {
      fs.renameSync(this.file, `${this.file}.damaged-${this.now()}`);
    } catch {
      // nothing to keep
    }
  }

  private write(data: CredentialsFile): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    const fd = fs.openSync(temp, 'w', 0o600);
    try {
      fs.writeFileSync(fd, `${JSON.stringify(data, null, 2)}\n`);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, this.file);
  }
}
