/**
 * Profile files (JSON) and provider settings. A profile says how an inbox behaves (kind
 * keywords, kind → provider/service routes, pre-flight policy) and which providers to use.
 * Credentials never live in a profile: they come from the environment in the CLI
 * (CHECKDESK_<PROVIDER>_API_KEY …) or from the desktop app's encrypted store.
 */
import fs from 'node:fs';
import { z } from 'zod';
import { InboxProfile } from '../../shared/contract.ts';
import { CheckDeskError } from '../../shared/errors.ts';
import { parseLenientJson } from '../../shared/lenient-json.ts';
import { PROVIDER_NAMES, ProviderName } from '../../shared/model.ts';
import { credentialEnvSuffix, credentialKeys } from '../../shared/provider-credentials.ts';
import type { ProviderConfig } from './providers/types.ts';

const ProviderSettings = z.object({
  name: ProviderName,
  baseUrl: z.string().url().optional(),
  options: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  concurrency: z.number().int().min(1).max(16).optional(),
  ratePerSecond: z.number().positive().max(1000).optional(),
  timeoutMs: z.number().int().min(1000).max(600_000).optional(),
  enabled: z.boolean().optional(),
});

export const ProfileFile = z
  .object({
    inbox: InboxProfile.optional(),
    providers: z.array(ProviderSettings).optional(),
  })
  .strict();
export type ProfileFile = z.infer<typeof ProfileFile>;

export function loadProfileFile(file: string): ProfileFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new CheckDeskError(
      'PROFILE_UNREADABLE',
      `cannot read the profile ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  let value: unknown;
  try {
    value = parseLenientJson(text).value;
  } catch (err) {
    throw new CheckDeskError(
      'PROFILE_INVALID',
      `the profile ${file} is not valid JSON: ${(err as Error).message}`,
    );
  }
  const parsed = ProfileFile.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CheckDeskError(
      'PROFILE_INVALID',
      `the profile ${file} is invalid at ${issue.path.join('.') || '(top)'}: ${issue.message}`,
    );
  }
  return parsed.data;
}

/**
 * Environment variable suffixes per provider credential, from the shared table
 * (`customerChildId` → CHECKDESK_FRANKIEONE_CUSTOMER_CHILD_ID).
 */
export const CREDENTIAL_ENV: Record<ProviderName, Record<string, string>> = Object.fromEntries(
  PROVIDER_NAMES.map((name) => [
    name,
    Object.fromEntries(credentialKeys(name).map((key) => [key, credentialEnvSuffix(key)])),
  ]),
) as Record<ProviderName, Record<string, string>>;

export function credentialsFromEnv(
  name: ProviderName,
  env: NodeJS.ProcessEnv,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, suffix] of Object.entries(CREDENTIAL_ENV[name])) {
    const value = env[`CHECKDESK_${name.toUpperCase()}_${suffix}`];
    if (value) out[field] = value;
  }
  // Colleckt calls its credential a token; accept the generic API_KEY name as well.
  if (name === 'colleckt' && !out.token && out.apiKey) out.token = out.apiKey;
  return out;
}

/**
 * Provider configs for the engine: the profile's providers, plus one given on the command line
 * (`--provider NAME --base-url URL`), plus any provider whose API key is in the environment.
 */
export function resolveProviders(input: {
  profile?: ProfileFile;
  provider?: string;
  baseUrl?: string;
  env: NodeJS.ProcessEnv;
}): ProviderConfig[] {
  const byName = new Map<ProviderName, ProviderConfig>();
  for (const p of input.profile?.providers ?? []) {
    if (p.enabled === false) continue;
    const baseUrl = p.baseUrl ?? input.env[`CHECKDESK_${p.name.toUpperCase()}_BASE_URL`];
    if (!baseUrl)
      throw new CheckDeskError(
        'PROFILE_INVALID',
        `provider ${p.name} has no baseUrl (profile or CHECKDESK_${p.name.toUpperCase()}_BASE_URL)`,
      );
    byName.set(p.name, {
      name: p.name,
      baseUrl,
      credentials: credentialsFromEnv(p.name, input.env),
      options: p.options ?? {},
      sandbox: false,
      concurrency: p.concurrency,
      ratePerSecond: p.ratePerSecond,
      timeoutMs: p.timeoutMs,
    });
  }
  if (input.provider) {
    const name = input.provider as ProviderName;
    const existing = byName.get(name);
    const baseUrl =
      input.baseUrl ?? existing?.baseUrl ?? input.env[`CHECKDESK_${name.toUpperCase()}_BASE_URL`];
    if (!baseUrl)
      throw new CheckDeskError(
        'USAGE',
        `--provider ${name} needs --base-url URL (or CHECKDESK_${name.toUpperCase()}_BASE_URL)`,
      );
    byName.set(name, {
      name,
      baseUrl,
      credentials: credentialsFromEnv(name, input.env),
      options: existing?.options ?? {},
      sandbox: false,
      concurrency: existing?.concurrency,
      ratePerSecond: existing?.ratePerSecond,
      timeoutMs: existing?.timeoutMs,
    });
  }
  for (const name of PROVIDER_NAMES) {
    if (byName.has(name)) continue;
    const baseUrl = input.env[`CHECKDESK_${name.toUpperCase()}_BASE_URL`];
    const creds = credentialsFromEnv(name, input.env);
    if (baseUrl && Object.keys(creds).length > 0) {
      byName.set(name, { name, baseUrl, credentials: creds, options: {}, sandbox: false });
    }
  }
  return [...byName.values()];
}
