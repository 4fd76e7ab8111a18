/**
 * The person's settings kept by the engine (language, reviewer name). The language also lives in
 * local storage so the first paint is already in the right language.
 */
import { create } from 'zustand';
import { useLang, type Lang } from '../i18n/index.ts';
import { invoke } from '../ipc/client.ts';

interface SettingsStore {
  reviewer: string | null;
  error: string | null;
  load(): Promise<void>;
  setReviewer(name: string): Promise<boolean>;
}

export const useSettings = create<SettingsStore>((set) => ({
  reviewer: null,
  error: null,
  async load() {
    const r = await invoke('settings.get');
    if (!r.ok) {
      set({ error: r.error.message });
      return;
    }
    set({ reviewer: r.value.reviewer, error: null });
    // A language chosen on this machine wins; otherwise follow the one the engine remembers.
    if (!useLang.getState().chosenLocally && r.value.language !== useLang.getState().lang) {
      useLang.setState({ lang: r.value.language });
      document.documentElement.lang = r.value.language;
    }
  },
  async setReviewer(name) {
    const r = await invoke('settings.set', { reviewer: name });
    if (r.ok) set({ reviewer: r.value.reviewer, error: null });
    else set({ error: r.error.message });
    return r.ok;
  },
}));

/** Switches the UI language and remembers it in the engine's settings too. */
export async function changeLanguage(lang: Lang): Promise<void> {
  useLang.getState().setLang(lang);
  const r = await invoke('settings.set', { language: lang });
  if (!r.ok) useSettings.setState({ error: r.error.message });
}
