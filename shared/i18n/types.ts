/** The two languages CheckDesk speaks: English and Bahasa Indonesia. */
export const LANGS = ['en', 'id'] as const;
export type Lang = (typeof LANGS)[number];

/** One label in both languages, side by side so a translator reviews them together. */
export interface Label {
  en: string;
  id: string;
}

export function isLang(value: unknown): value is Lang {
  return value === 'en' || value === 'id';
}
