/**
 * Wall-clock time in an IANA zone, the way a spreadsheet needs it.
 *
 * Excel stores a date as a serial number with no zone; exceljs turns a JS Date into that serial
 * from its UTC value. So a Date whose *UTC* fields equal the local wall-clock fields (built with
 * Date.UTC) makes Excel show exactly what CheckDesk showed: 23:30 WIB stays 23:30, not 16:30.
 *
 * Zone offsets are looked up with Intl (slow: microseconds per call) and cached per UTC hour; an
 * hour whose start and end offsets differ (a DST change, a historic odd offset) is resolved per
 * instant, so the cache never returns a wrong offset.
 */

const HOUR = 3_600_000;

export interface WallClock {
  readonly timeZone: string;
  /** Zone offset (local − UTC) in milliseconds at `epochMs`. */
  offsetMs(epochMs: number): number;
  /** A Date whose UTC fields are the wall-clock fields in the zone (what Excel should store). */
  excelDate(epochMs: number): Date;
  /** ISO 8601 local time with its offset, e.g. 2024-03-05T23:30:00+07:00 (milliseconds only when present). */
  iso(epochMs: number): string;
}

/** The machine's zone, or UTC when the runtime cannot tell. */
export function machineTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** Throws RangeError for a zone the runtime does not know. */
export function createWallClock(timeZone: string = machineTimeZone()): WallClock {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const resolvedZone = format.resolvedOptions().timeZone;
  const cache = new Map<number, number | null>();

  function exactOffset(epochMs: number): number {
    const seconds = Math.floor(epochMs / 1000) * 1000;
    const parts: Record<string, number> = {};
    for (const p of format.formatToParts(seconds)) {
      if (p.type !== 'literal') parts[p.type] = Number(p.value);
    }
    const asUtc = Date.UTC(
      parts.year ?? 1970,
      (parts.month ?? 1) - 1,
      parts.day ?? 1,
      (parts.hour ?? 0) % 24,
      parts.minute ?? 0,
      parts.second ?? 0,
    );
    return asUtc - seconds;
  }

  function offsetMs(epochMs: number): number {
    const hour = Math.floor(epochMs / HOUR);
    let cached = cache.get(hour);
    if (cached === undefined) {
      const start = exactOffset(hour * HOUR);
      const end = exactOffset(hour * HOUR + HOUR - 1000);
      cached = start === end ? start : null;
      if (cache.size > 50_000) cache.clear();
      cache.set(hour, cached);
    }
    return cached ?? exactOffset(epochMs);
  }

  return {
    timeZone: resolvedZone,
    offsetMs,
    excelDate(epochMs: number): Date {
      return new Date(epochMs + offsetMs(epochMs));
    },
    iso(epochMs: number): string {
      const offset = offsetMs(epochMs);
      const local = new Date(epochMs + offset).toISOString(); // 2024-03-05T23:30:00.000Z, fields already local
      const body = local.endsWith('.000Z') ? local.slice(0, -5) : local.slice(0, -1);
      return body + formatOffset(offset);
    },
  };
}

function formatOffset(offsetMs: number): string {
  if (offsetMs === 0) return 'Z';
  const sign = offsetMs < 0 ? '-' : '+';
  const totalMinutes = Math.round(Math.abs(offsetMs) / 60_000);
  const h = String(Math.floor(totalMinutes / 60)).padStart(2, '0');
  const m = String(totalMinutes % 60).padStart(2, '0');
  return `${sign}${h}:${m}`;
}

/**
 * A calendar date (`YYYY-MM-DD`, or `YYYY/MM/DD` as ADVANCE.AI writes it) as a zone-less Excel
 * date; null for anything that is not a real calendar day (2023-02-30 stays text).
 */
export function calendarDate(text: string): Date | null {
  const m = /^(\d{4})[-/](\d{2})[-/](\d{2})$/.exec(text);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d)
    return null;
  // Excel's calendar starts in 1900; earlier dates would be written as negative serials.
  return y >= 1900 ? date : null;
}

/** An ISO timestamp that names its zone (Z or ±hh:mm); null otherwise (a bare local time is ambiguous). */
export function isoInstant(text: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(text))
    return null;
  const ms = Date.parse(text.replace(' ', 'T'));
  return Number.isFinite(ms) ? ms : null;
}
