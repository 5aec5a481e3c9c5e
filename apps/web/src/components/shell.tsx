import { useState, type ReactNode } from 'react';
import { useAuth, useMe } from '../auth/auth.js';
import { LANGS, useI18n } from '../i18n/i18n.js';
import { Link } from '../router/router.js';
import { paths, ROUTES } from '../routes.js';

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <div className="lang-switch" role="group" aria-label={t('lang.label')}>
      {LANGS.map((l) => (
        <button key={l} type="button" className="btn btn-small" aria-pressed={lang === l} lang={l} onClick={() => setLang(l)}>
          {t(`lang.${l}`)}
        </button>
      ))}
    </div>
  );
}

/** Header with the role's navigation, language and sign-out; a skip link first in the focus order. */
export function Shell({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const me = useMe();
  const { logout } = useAuth();
  const navItems = ROUTES.filter((r) => r.nav && r.roles !== 'public' && r.roles.includes(me.role));
  // on a phone the navigation folds behind one button so the page starts on the first screen
  const [menuOpen, setMenuOpen] = useState(false);
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="topbar" data-menu={menuOpen ? 'open' : 'closed'}>
        <Link to={paths.meetings} className="brand">
          <span className="brand-mark" aria-hidden="true">
            DH
          </span>
          <span>{t('app.name')}</span>
        </Link>
        <button type="button" className="btn btn-small menu-toggle" aria-expanded={menuOpen} aria-controls="mainnav" onClick={() => setMenuOpen((o) => !o)}>
          {t('nav.menu')}
        </button>
        <nav id="mainnav" aria-label={t('nav.main')} className="mainnav" onClick={() => setMenuOpen(false)}>
          <ul>
            {navItems.map((r) => (
              <li key={r.name}>
                <Link to={paths[r.name]} className="navlink">
                  {r.nav ? t(r.nav) : null}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="topbar-end">
          <span className="who">{t('nav.signedInAs', { name: me.displayName, role: t(`role.${me.role}`) })}</span>
          <LanguageSwitch />
          <button type="button" className="btn btn-small" onClick={() => void logout()}>
            {t('nav.logout')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="content">
        {children}
      </main>
    </>
  );
}
