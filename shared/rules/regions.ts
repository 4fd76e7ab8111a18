/**
 * Region lookups for NIK/KK prefixes against the bundled Kemendagri table.
 * Absence from the table is never proof of forgery: tables go stale (domain-checks.md P3).
 */
import { FORMER_REGENCIES, PROVINCES, REGENCIES } from './data/kemendagri-regions.ts';

export interface RegencyInfo {
  code: string;
  name: string | null;
  kind: 'kabupaten' | 'kota';
  /** Set when the code was retired by a province split; the holder's NIK still carries it. */
  nowCode?: string;
}

export function provinceName(code: string): string | null {
  return PROVINCES[code] ?? null;
}

export function lookupRegency(code4: string): RegencyInfo {
  const kind = Number(code4.slice(2, 4)) >= 71 ? 'kota' : 'kabupaten';
  const current = REGENCIES[code4];
  if (current) return { code: code4, name: current, kind };
  const nowCode = FORMER_REGENCIES[code4];
  if (nowCode) return { code: code4, name: REGENCIES[nowCode] ?? null, kind, nowCode };
  return { code: code4, name: null, kind };
}
