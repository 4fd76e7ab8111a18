/**
 * CheckDesk's side of the webhook relay's read API (./server.ts): one page of deliveries after a
 * cursor. Errors say what went wrong without the token or the relay's full address.
 */
import { z } from 'zod';

const WireDelivery = z.object({
  id: z.string().min(1).max(64),
  receivedAt: z.number(),
  path: z.string().optional(),
  headers: z.record(z.string(), z.string()),
  body: z.string(),
});
const WirePage = z.object({ deliveries: z.array(WireDelivery), next: z.string().min(1).max(64) });

export type RelayDeliveryWire = z.infer<typeof WireDelivery>;
export type RelayPage = z.infer<typeof WirePage>;

export type RelayProblem = 'unreachable' | 'refused' | 'failed' | 'unreadable';

export class RelayError extends Error {
  constructor(
    readonly problem: RelayProblem,
    message: string,
  ) {
    super(message);
  }
}

/** The relay's base URL without a trailing slash; null unless it is http(s). */
export function relayBaseUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  try {
    const url = new URL(value.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    url.search = '';
    url.hash = '';
    return url.toString().replace(/\/+$/, '');
  } catch {
    return null;
  }
}

function failureCode(err: unknown): string {
  let e: unknown = err;
  for (let i = 0; i < 4 && e; i++) {
    const found = (e as { code?: unknown }).code;
    if (typeof found === 'string') return found;
    e = (e as { cause?: unknown }).cause;
  }
  return (err as { name?: string }).name ?? 'error';
}

export async function fetchRelayPage(input: {
  baseUrl: string;
  token: string;
  after: string;
  limit: number;
  signal: AbortSignal;
  timeoutMs?: number;
}): Promise<RelayPage> {
  const url = `${input.baseUrl}/deliveries?after=${encodeURIComponent(input.after)}&limit=${input.limit}`;
  let res: Response;
  let text: string;
  try {
    res = await fetch(url, {
      headers: { authorization: `Bearer ${input.token}`, accept: 'application/json' },
      signal: AbortSignal.any([input.signal, AbortSignal.timeout(input.timeoutMs ?? 10_000)]),
    });
    text = await res.text();
  } catch (err) {
    throw new RelayError(
      'unreachable',
      `the webhook relay cannot be reached (${failureCode(err)})`,
    );
  }
  if (res.status === 401 || res.status === 403) {
    throw new RelayError('refused', `the webhook relay refused the token (HTTP ${res.status})`);
  }
  if (!res.ok) throw new RelayError('failed', `the webhook relay answered HTTP ${res.status}`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new RelayError('unreadable', 'the webhook relay answered something that is not JSON');
  }
  const parsed = WirePage.safeParse(json);
  if (!parsed.success) {
    throw new RelayError(
      'unreadable',
      'the webhook relay answered JSON that is not a page of deliveries',
    );
  }
  return parsed.data;
}
