/**
 * Endpoint path tables: every adapter keeps its vendor's paths in one table whose entries the
 * provider option `path.<name>` can override (values must start with '/').
 */
import type { ProviderConfig } from '../types.ts';

/** The table with `path.*` options applied; unknown names and values not starting with '/' are ignored. */
export function resolvePathTable<Name extends string>(
  defaults: Readonly<Record<Name, string>>,
  options: ProviderConfig['options'],
): Record<Name, string> {
  const out = { ...defaults } as Record<Name, string>;
  for (const name of Object.keys(defaults) as Name[]) {
    const override = options[`path.${name}`];
    if (typeof override === 'string' && override.startsWith('/')) out[name] = override;
  }
  return out;
}

/**
 * Fills `{param}` placeholders, URL-encoding each value. A placeholder without a value stays as it
 * is, or throws with `missing: 'throw'`.
 */
export function fillPath(
  template: string,
  params: Record<string, string> = {},
  missing: 'keep' | 'throw' = 'keep',
): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = params[key];
    if (value !== undefined) return encodeURIComponent(value);
    if (missing === 'throw') throw new Error(`missing path parameter ${key}`);
    return whole;
  });
}

/** `config.baseUrl` without surrounding white space and trailing slashes ('' when not set). */
export function trimBaseUrl(baseUrl: string): string {
  return baseUrl.trim().replace(/\/+$/, '');
}
