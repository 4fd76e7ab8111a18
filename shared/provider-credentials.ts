/**
 * The credentials each provider takes: one ordered table used everywhere (environment variable
 * names in the CLI, the engine's registry and status, the desktop shell's encrypted store, the
 * Providers screen). The first field of a provider is its primary credential, the one the
 * contract's `apiKey` argument means.
 *
 * `required`:
 *   - `true`: needed before the provider can be used;
 *   - `false`: optional;
 *   - `'alternative'`: the provider takes one of several sign-in methods; fields with the same
 *     `group` are needed together and one group must be complete (AnyCheck: apiKey, or email and
 *     password).
 * `aliasOf` names another field this one stands in for (Colleckt's `apiKey` for its `token`): it is
 * accepted, and counts as that field being set, but is not a sign-in method of its own.
 *
 * Runtime-neutral: no Node, no Electron, no React.
 */
import type { ProviderName } from './model.ts';
import { isSecretKey } from './redact.ts';

export interface CredentialField {
  readonly key: string;
  /** Shown masked and typed into a password field; false for identifiers (customer id, e-mail). */
  readonly secret: boolean;
  readonly required: boolean | 'alternative';
  /** For `required: 'alternative'`: the sign-in method this field belongs to. */
  readonly group?: string;
  /** This field is another name for the provider's field `aliasOf`. */
  readonly aliasOf?: string;
}

export const PROVIDER_CREDENTIALS = {
  anycheck: [
    { key: 'apiKey', secret: true, required: 'alternative', group: 'apiKey' },
    { key: 'email', secret: false, required: 'alternative', group: 'login' },
    { key: 'password', secret: true, required: 'alternative', group: 'login' },
    { key: 'webhookSecret', secret: true, required: false },
    { key: 'webhookRelayToken', secret: true, required: false },
  ],
  colleckt: [
    { key: 'token', secret: true, required: true },
    { key: 'apiKey', secret: true, required: false, aliasOf: 'token' },
  ],
  frankieone: [
    { key: 'apiKey', secret: true, required: true },
    { key: 'customerId', secret: false, required: true },
    { key: 'customerChildId', secret: false, required: false },
  ],
  advanceai: [
    { key: 'accessKey', secret: true, required: true },
    { key: 'secretKey', secret: true, required: true },
  ],
  aiprise: [{ key: 'apiKey', secret: true, required: true }],
} as const satisfies Record<ProviderName, readonly CredentialField[]>;

/** Every credential field name of any provider. */
export type CredentialKey = (typeof PROVIDER_CREDENTIALS)[ProviderName][number]['key'];

export function credentialFields(name: ProviderName): readonly CredentialField[] {
  return PROVIDER_CREDENTIALS[name];
}

export function credentialKeys(name: ProviderName): string[] {
  return credentialFields(name).map((f) => f.key);
}

/** The field the contract's `apiKey` argument sets: the first of the provider's table. */
export function primaryCredential(name: ProviderName): string {
  return PROVIDER_CREDENTIALS[name][0].key;
}

export function credentialField(name: ProviderName, key: string): CredentialField | null {
  return credentialFields(name).find((f) => f.key === key) ?? null;
}

/** `customerChildId` → `CUSTOMER_CHILD_ID` (the suffix of CHECKDESK_<PROVIDER>_…). */
export function credentialEnvSuffix(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

/** The environment variable a credential comes from in the CLI. */
export function credentialEnvName(name: ProviderName, key: string): string {
  return `CHECKDESK_${name.toUpperCase()}_${credentialEnvSuffix(key)}`;
}

/** Set when the field itself, or a field standing in for it, has a value. */
export function credentialIsSet(
  name: ProviderName,
  credentials: Readonly<Record<string, string | undefined>>,
  key: string,
): boolean {
  if (credentials[key]) return true;
  return credentialFields(name).some((f) => f.aliasOf === key && !!credentials[f.key]);
}

/** What is missing before a provider can be used; null when nothing is. Names fields, never values. */
export interface MissingCredentials {
  /** Required fields without a value (for alternatives: those of the method closest to complete). */
  missing: string[];
  /** The sign-in methods to choose from when none is complete (each a list of fields), else []. */
  alternatives: string[][];
  /** The same in plain English, e.g. "advanceai is missing the credential secretKey". */
  text: string;
}

function andList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function missingCredentials(
  name: ProviderName,
  credentials: Readonly<Record<string, string | undefined>>,
  label: string = name,
): MissingCredentials | null {
  const fields = credentialFields(name);
  const isSet = (key: string) => credentialIsSet(name, credentials, key);
  const missing = fields.filter((f) => f.required === true && !isSet(f.key)).map((f) => f.key);

  const groups = new Map<string, string[]>();
  for (const f of fields) {
    if (f.required !== 'alternative') continue;
    const group = f.group ?? f.key;
    groups.set(group, [...(groups.get(group) ?? []), f.key]);
  }
  let alternatives: string[][] = [];
  let fromAlternative: string[] = [];
  if (groups.size > 0 && ![...groups.values()].some((keys) => keys.every(isSet))) {
    alternatives = [...groups.values()];
    // The method the person has started on (most fields set) is the one to finish.
    const closest = alternatives.reduce((best, keys) =>
      keys.filter(isSet).length > best.filter(isSet).length ? keys : best,
    );
    fromAlternative = closest.filter((k) => !isSet(k));
  }
  if (missing.length === 0 && alternatives.length === 0) return null;

  const parts: string[] = [];
  if (missing.length > 0)
    parts.push(`the credential${missing.length > 1 ? 's' : ''} ${andList(missing)}`);
  if (alternatives.length > 0) {
    const started = alternatives.some((keys) => keys.some(isSet));
    const choices = alternatives.map((keys) => andList(keys)).join(', or ');
    parts.push(started ? `${andList(fromAlternative)} (or instead: ${choices})` : `${choices}`);
  }
  return {
    missing: [...missing, ...fromAlternative],
    alternatives,
    text: `${label} cannot be used yet: it needs ${parts.join(', and ')}`,
  };
}

/** Refusal text for credential names a provider does not take; null when all are known. */
export function unknownCredentialKeys(
  name: ProviderName,
  keys: readonly string[],
  label: string = name,
): string | null {
  const allowed = credentialKeys(name);
  const unknown = keys.filter((k) => !allowed.includes(k));
  if (unknown.length === 0) return null;
  return `${label} does not take the credential${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; it takes ${allowed.join(', ')}`;
}

/**
 * Splits `providers.configure` options into plain options and credentials: a secret-looking name
 * (redact.ts) or a field of the provider's table is a credential. Desktop shell and engine both
 * use this, so a value is stored and applied as the same kind of thing. An empty value removes.
 */
export function splitCredentialOptions(
  name: ProviderName,
  options: Readonly<Record<string, string>>,
): { options: Record<string, string>; set: Record<string, string>; remove: string[] } {
  const plain: Record<string, string> = {};
  const set: Record<string, string> = {};
  const remove: string[] = [];
  for (const [key, value] of Object.entries(options)) {
    if (!isSecretKey(key) && !credentialField(name, key)) plain[key] = value;
    else if (value !== '') set[key] = value;
    else remove.push(key);
  }
  return { options: plain, set, remove };
}

/**
 * The credential changes of one `providers.configure` call: credential-like `options`, then
 * `apiKey` (the primary credential), then `credentials` (null or '' removes); later sources win.
 * Removing `apiKey` removes the primary credential with whatever stands in for it (its aliases,
 * and an `apiKey` saved under that name by earlier versions).
 */
export function credentialChanges(
  name: ProviderName,
  args: {
    apiKey?: string | null;
    credentials?: Readonly<Record<string, string | null>>;
    options?: Readonly<Record<string, string>>;
  },
): { set: Record<string, string>; remove: string[]; options?: Record<string, string> } {
  const set: Record<string, string> = {};
  const remove = new Set<string>();
  const apply = (key: string, value: string | null | undefined) => {
    if (value === undefined) return;
    if (value === null || value === '') {
      delete set[key];
      remove.add(key);
    } else {
      set[key] = value;
      remove.delete(key);
    }
  };
  let options: Record<string, string> | undefined;
  if (args.options) {
    const split = splitCredentialOptions(name, args.options);
    options = split.options;
    for (const key of split.remove) apply(key, null);
    for (const [key, value] of Object.entries(split.set)) apply(key, value);
  }
  const primary = primaryCredential(name);
  if (args.apiKey === null || args.apiKey === '') {
    for (const key of new Set([
      primary,
      'apiKey',
      ...credentialFields(name)
        .filter((f) => f.aliasOf === primary)
        .map((f) => f.key),
    ]))
      apply(key, null);
  } else apply(primary, args.apiKey);
  for (const [key, value] of Object.entries(args.credentials ?? {})) apply(key, value);
  return { set, remove: [...remove], ...(options ? { options } : {}) };
}
