import { useEffect, useRef } from 'react';
import { ActivityPage } from '../features/activity/ActivityPage.tsx';
import { CaseDetailPage } from '../features/case/CaseDetailPage.tsx';
import { CasesPage } from '../features/cases/CasesPage.tsx';
import { Dashboard } from '../features/dashboard/Dashboard.tsx';
import { ExportPage } from '../features/export/ExportPage.tsx';
import { FilesPage } from '../features/files/FilesPage.tsx';
import { InboxesPage } from '../features/inboxes/InboxesPage.tsx';
import { ErrorBoundary } from '../components/ErrorBoundary.tsx';
import { DropZone } from '../features/intake/DropZone.tsx';
import { useIntake } from '../features/intake/intakeStore.ts';
import { ProvidersPage } from '../features/providers/ProvidersPage.tsx';
import { ReviewPage } from '../features/review/ReviewPage.tsx';
import { useFormat } from '../i18n/format.ts';
import { useLang, useT, type Lang, type MessageKey } from '../i18n/index.ts';
import { startEngineSync, useEngine } from '../stores/engine.ts';
import { changeLanguage, useSettings } from '../stores/settings.ts';
import { ConnectionBanner, OfflineBanner, ShellBanner } from './Banners.tsx';
import { SCREENS, useRoute, type Route } from './router.ts';

const NAV_KEYS: Record<(typeof SCREENS)[number], MessageKey> = {
  dashboard: 'nav.dashboard',
  cases: 'nav.cases',
  review: 'nav.review',
  inboxes: 'nav.inboxes',
  providers: 'nav.providers',
  export: 'nav.export',
  activity: 'nav.activity',
  files: 'nav.files',
};

function Screen({ route }: { route: Route }) {
  switch (route.screen) {
    case 'cases':
      return <CasesPage />;
    case 'case':
      return <CaseDetailPage key={route.id} id={route.id!} />;
    case 'review':
      return <ReviewPage initialId={route.id} />;
    case 'inboxes':
      return <InboxesPage />;
    case 'providers':
      return <ProvidersPage />;
    case 'export':
      return <ExportPage />;
    case 'activity':
      return <ActivityPage />;
    case 'files':
      return <FilesPage />;
    default:
      return <Dashboard />;
  }
}

export function App() {
  const t = useT();
  const f = useFormat();
  const route = useRoute();
  const lang = useLang((s) => s.lang);
  const reviewQueue = useEngine((s) => s.status?.reviewQueue ?? 0);
  const reviewer = useSettings((s) => s.reviewer);
  const mainRef = useRef<HTMLElement>(null);
  const firstRoute = useRef(true);

  useEffect(() => {
    startEngineSync();
    void useSettings.getState().load();
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t('app.title');
  }, [lang, t]);

  // A new screen: move focus to its heading so keyboard and screen-reader users start there.
  const routeKey = `${route.screen}:${route.screen === 'review' ? '' : (route.id ?? '')}`;
  useEffect(() => {
    if (firstRoute.current) {
      firstRoute.current = false;
      return;
    }
    const h1 = mainRef.current?.querySelector('h1');
    if (h1) {
      h1.setAttribute('tabindex', '-1');
      h1.focus({ preventScroll: true });
    }
  }, [routeKey]);

  const active = route.screen === 'case' ? 'cases' : route.screen;

  return (
    <div className="shell">
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          mainRef.current?.focus();
        }}
      >
        {t('nav.skip')}
      </a>
      <header className="topbar">
        <span className="brand">{t('app.title')}</span>
        <nav aria-label={t('nav.label')}>
          {SCREENS.map((s) => (
            <a
              key={s}
              href={`#/${s}`}
              aria-current={active === s ? 'page' : undefined}
              data-testid={`nav-${s}`}
            >
              {t(NAV_KEYS[s])}
              {s === 'review' && reviewQueue > 0 ? (
                <>
                  <span className="count" aria-hidden="true">
                    {f.number(reviewQueue)}
                  </span>
                  <span className="sr-only">
                    {t('nav.reviewCount', { n: f.number(reviewQueue) })}
                  </span>
                </>
              ) : null}
            </a>
          ))}
        </nav>
        <div className="topbar-end">
          <button type="button" onClick={() => useIntake.getState().show()} data-testid="add-files">
            {t('intake.addFiles')}
          </button>
          {reviewer ? (
            <span className="muted" data-testid="reviewer">
              {t('app.reviewer', { name: reviewer })}
            </span>
          ) : null}
          <label className="lang">
            <span>{t('lang.label')}</span>
            <select
              value={lang}
              onChange={(e) => void changeLanguage(e.target.value as Lang)}
              data-testid="lang-select"
            >
              <option value="en">English</option>
              <option value="id">Bahasa Indonesia</option>
            </select>
          </label>
        </div>
      </header>
      <ConnectionBanner />
      <ShellBanner />
      <OfflineBanner />
      <main id="main" ref={mainRef} tabIndex={-1}>
        <ErrorBoundary resetKey={routeKey}>
          <Screen route={route} />
        </ErrorBoundary>
      </main>
      <DropZone />
    </div>
  );
}
