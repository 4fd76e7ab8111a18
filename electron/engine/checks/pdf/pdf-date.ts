/** PDF date strings `D:YYYYMMDDHHmmSS±HH'mm'` (ISO 32000 §7.9.4) and XMP ISO dates, to epoch ms. */
export function parsePdfDate(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  if (/^\d{4}-\d{2}/.test(value.trim())) return parseIso(value.trim());
  const m =
    /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?|[+-]\d{2})?/.exec(
      value.trim(),
    );
  if (!m) return parseIso(value);
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', tz] = m;
  let offsetMin = 0;
  if (tz && tz !== 'Z') {
    const t = /([+-])(\d{2})'?(\d{2})?/.exec(tz);
    if (t) offsetMin = (t[1] === '-' ? -1 : 1) * (Number(t[2]) * 60 + Number(t[3] ?? 0));
  }
  const ms =
    Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) -
    offsetMin * 60_000;
  return Number.isFinite(ms) ? ms : null;
}

function parseIso(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}/.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}
