/**
 * Numbers, dates and durations in the UI language (`id-ID` or `en`). Intl formatters are costly
 * to build, so one of each is kept per language.
 */
import { useLang, locale, type Lang } from './index.ts';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>(
  key: string,
  make: () => T,
): T {
  let f = cache.get(key) as T | undefined;
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f;
}

export function formatNumber(lang: Lang, n: number, maxFraction = 0): string {
  return cached(
    `n:${lang}:${maxFraction}`,
    () => new Intl.NumberFormat(locale(lang), { maximumFractionDigits: maxFraction }),
  ).format(n);
}

export function formatPercent(lang: Lang, ratio: number): string {
  return cached(
    `p:${lang}`,
    () => new Intl.NumberFormat(locale(lang), { style: 'percent', maximumFractionDigits: 0 }),
  ).format(ratio);
}

export function formatDateTime(lang: Lang, ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '';
  return cached(
    `dt:${lang}`,
    () => new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium', timeStyle: 'short' }),
  ).format(ms);
}

export function formatDateTimeSeconds(lang: Lang, ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '';
  return cached(
    `dts:${lang}`,
    () => new Intl.DateTimeFormat(locale(lang), { dateStyle: 'short', timeStyle: 'medium' }),
  ).format(ms);
}

export function formatTime(lang: Lang, ms: number): string {
  return cached(
    `t:${lang}`,
    () => new Intl.DateTimeFormat(locale(lang), { timeStyle: 'short' }),
  ).format(ms);
}

/** "3 minutes ago", "in 20 seconds". */
export function formatRelative(lang: Lang, ms: number, now: number = Date.now()): string {
  const rtf = cached(
    `r:${lang}`,
    () => new Intl.RelativeTimeFormat(locale(lang), { numeric: 'auto' }),
  );
  const diff = ms - now;
  const abs = Math.abs(diff);
  if (abs < 60_000) return rtf.format(Math.round(diff / 1000), 'second');
  if (abs < 3_600_000) return rtf.format(Math.round(diff / 60_000), 'minute');
  if (abs < 86_400_000) return rtf.format(Math.round(diff / 3_600_000), 'hour');
  return rtf.format(Math.round(diff / 86_400_000), 'day');
}

/** A duration for an ETA: "45 seconds", "12 minutes", "2 hours". */
export function formatDuration(lang: Lang, ms: number): string {
  const [value, unit] =
    ms < 60_000
      ? [Math.max(1, Math.round(ms / 1000)), 'second']
      : ms < 3_600_000
        ? [Math.round(ms / 60_000), 'minute']
        : [Math.round((ms / 3_600_000) * 10) / 10, 'hour'];
  return cached(
    `d:${lang}:${unit}`,
    () =>
      new Intl.NumberFormat(locale(lang), {
        style: 'unit',
        unit,
        unitDisplay: 'long',
        maximumFractionDigits: 1,
      }),
  ).format(value);
}

export function formatBytes(lang: Lang, bytes: number): string {
  if (bytes < 1024) return `${formatNumber(lang, bytes)} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(lang, bytes / 1024, 1)} KB`;
  return `${formatNumber(lang, bytes / (1024 * 1024), 1)} MB`;
}

/** The formatters bound to the current language. */
export function useFormat() {
  const lang = useLang((s) => s.lang);
  return {
    lang,
    number: (n: number, maxFraction = 0) => formatNumber(lang, n, maxFraction),
    percent: (r: number) => formatPercent(lang, r),
    dateTime: (ms: number | null | undefined) => formatDateTime(lang, ms),
    dateTimeSeconds: (ms: number | null | undefined) => formatDateTimeSeconds(lang, ms),
    time: (ms: number) => formatTime(lang, ms),
    relative: (ms: number, now?: number) => formatRelative(lang, ms, now),
    duration: (ms: number) => formatDuration(lang, ms),
    bytes: (n: number) => formatBytes(lang, n),
  };
}
