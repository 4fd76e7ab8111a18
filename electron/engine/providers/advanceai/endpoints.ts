/**
 * ADVANCE.AI hosts and paths. The vendor runs one host per region; the token and the results
 * must come from the same region, so both paths hang off one base URL.
 */
import { explicitBaseUrl } from '../kit/import-provider.ts';

export const TOKEN_PATH = '/openapi/auth/ticket/v1/generate-token';
export const GET_RESULT_PATH = '/intl/openapi/identity-risk/idvs-h5/ekyc/v1/get-result';

/** Region option → host. `global` (or no region) is the default `api` host. */
const REGION_HOSTS: Readonly<Record<string, string>> = {
  global: 'https://api.advance.ai',
  default: 'https://api.advance.ai',
  sg: 'https://sg-api.advance.ai',
  ph: 'https://ph-api.advance.ai',
  th: 'https://th-api.advance.ai',
  my: 'https://my-api.advance.ai',
  vn: 'https://vn-api.advance.ai',
  mex: 'https://mex-api.advance.ai',
  col: 'https://col-api.advance.ai',
  nga: 'https://nga-api.advance.ai',
};

export const ADVANCE_AI_REGIONS: readonly string[] = Object.keys(REGION_HOSTS);

/**
 * The base URL: `config.baseUrl` when set (a sandbox, a proxy), else the region's host.
 * Returns an error text instead of throwing so the adapter can report it as a ProviderError.
 */
export function resolveBaseUrl(
  baseUrl: string,
  region: unknown,
): { url: string } | { error: string } {
  const explicit = explicitBaseUrl('ADVANCE.AI', baseUrl);
  if (explicit) return explicit;
  const key =
    typeof region === 'string' && region.trim().length > 0
      ? region.trim().toLowerCase().replace(/-api$/, '')
      : 'global';
  const host = REGION_HOSTS[key];
  if (!host)
    return {
      error: `unknown ADVANCE.AI region "${String(region)}" (known: ${ADVANCE_AI_REGIONS.join(', ')})`,
    };
  return { url: host };
}
