/**
 * Last line of defence before anything reaches the renderer: every string that contains a known
 * secret has it replaced by its masked form. The engine already masks credentials; this catches
 * the cases nobody thought of (an error message echoing a request, a vendor payload).
 */
import { maskSecret } from '../../shared/redact.ts';

const MAX_DEPTH = 40;

export function scrubSecrets<T>(value: T, secrets: readonly string[]): T {
  const active = secrets.filter((s) => s.length >= 4);
  if (active.length === 0) return value;
  const scrubString = (text: string): string => {
    let out = text;
    for (const secret of active) {
      if (out.includes(secret)) out = out.split(secret).join(maskSecret(secret) ?? '••••');
    }
    return out;
  };
  const walk = (node: unknown, depth: number): unknown => {
    if (typeof node === 'string') return scrubString(node);
    if (node === null || typeof node !== 'object' || depth > MAX_DEPTH) return node;
    if (Array.isArray(node)) return node.map((item) => walk(item, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(node)) out[scrubString(key)] = walk(item, depth + 1);
    return out;
  };
  return walk(value, 0) as T;
}
