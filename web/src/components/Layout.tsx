import { Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { NAV_SECTIONS, screens } from '../routes.tsx';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';
import { LockButton } from './LockButton.tsx';
import { Loading } from './StateViews.tsx';

/** The frame of every unlocked screen: a skip link, the top bar, the navigation (from routes.tsx) and the screen. */
export function Layout() {
  const { t } = useTranslation();
  const location = useLocation();
  const first = useRef(true);

  // After a navigation, move the focus to the new screen's title (screen readers announce it).
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const focus = () => document.getElementById('page-title')?.focus();
    const timer = window.setTimeout(focus, 50);
    return () => window.clearTimeout(timer);
  }, [location.pathname]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          <img src="/favicon.svg" alt="" width="28" height="28" />
          {t('app.name')}
        </Link>
        <div className="topbar-actions">
          <LanguageSwitcher />
          <LockButton className="secondary" label={t('app.lock')} />
        </div>
      </header>
      <div className="shell">
        <nav className="sidenav" aria-label={t('app.mainNav')}>
          {NAV_SECTIONS.map((section) => (
            <div key={section.id} className="nav-section">
              <p className="nav-heading" id={`nav-${section.id}`}>
                {t(section.label)}
              </p>
              <ul aria-labelledby={`nav-${section.id}`}>
                {screens
                  .filter((s) => s.nav?.section === section.id)
                  .map((s) => (
                    <li key={s.path}>
                      <NavLink to={`/${s.path}`} end={s.path === ''}>
                        {t(s.nav!.label)}
                      </NavLink>
                    </li>
                  ))}
              </ul>
            </div>
          ))}
        </nav>
        <main id="main" tabIndex={-1}>
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </main>
      </div>
    </div>
  );
}
