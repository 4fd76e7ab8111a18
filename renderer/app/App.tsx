import { useEffect, useState } from 'react';
import { Dashboard } from '../features/dashboard/Dashboard.tsx';
import { FilesPage } from '../features/files/FilesPage.tsx';
import { useLang, useT, type Lang } from '../i18n/index.ts';
import { startEngineSync, useEngine } from '../stores/engine.ts';
import { startFilesSync } from '../stores/files.ts';

type Screen = 'dashboard' | 'files';

function screenFromHash(): Screen {
  const h = window.location.hash.replace(/^#\/?/, '');
  return h === 'files' ? 'files' : 'dashboard';
}

export function App() {
  const t = useT();
  const [screen, setScreen] = useState<Screen>(screenFromHash);
  const connection = useEngine((s) => s.connection);
  const { lang, setLang } = useLang();

  useEffect(() => {
    startEngineSync();
    startFilesSync();
    const onHash = () => setScreen(screenFromHash());
    window.addEventListener('hashchange', onHash);
    document.documentElement.lang = lang;
    return () => window.removeEventListener('hashchange', onHash);
  }, [lang]);

  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">{t('app.title')}</span>
        <nav aria-label="Main">
          {(['dashboard', 'files'] as const).map((s) => (
            <a key={s} href={`#/${s}`} aria-current={screen === s ? 'page' : undefined}>
              {t(`nav.${s}`)}
            </a>
          ))}
        </nav>
        <label className="lang">
          <span>{t('lang.label')}</span>
          <select value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
            <option value="en">English</option>
            <option value="id">Bahasa Indonesia</option>
          </select>
        </label>
      </header>
      {connection !== 'open' && (
        <div role="status" className="banner">
          {t(connection === 'lost' ? 'conn.lost' : 'conn.connecting')}
        </div>
      )}
      <main>{screen === 'files' ? <FilesPage /> : <Dashboard />}</main>
    </div>
  );
}
