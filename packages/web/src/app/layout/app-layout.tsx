import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet } from 'react-router-dom';
import { useSession, useUser } from '../session/session-context.js';
import { LanguageSwitch } from './language-switch.js';

/** The frame of every signed-in page: brand, navigation, language, user. */
export function AppLayout() {
  const { t } = useTranslation();
  const user = useUser();
  const { logout } = useSession();
  return (
    <div className="app">
      <header className="topbar">
        <Link to="/" className="brand">
          老师 <span>Laoshi</span>
        </Link>
        <nav>
          <NavLink to="/" end>
            {t('app.nav.projects')}
          </NavLink>
          <NavLink to="/tokens">{t('app.nav.tokens')}</NavLink>
        </nav>
        <div className="topbar-right">
          <LanguageSwitch />
          <span className="user-name" title={user.email}>
            {user.name || user.email}
          </span>
          <button type="button" className="link-button" onClick={() => void logout()}>
            {t('app.nav.logout')}
          </button>
        </div>
      </header>
      <main className="content">
        <Outlet />
      </main>
    </div>
  );
}
