import type { ReactElement } from 'react';
import type { User } from '../api/types.js';
import { unitLabel } from '../format/unitLabel.js';
import { useText } from '../preferences/PreferencesContext.js';
import { Link } from '../router/Link.js';
import { navigate } from '../router/navigation.js';
import type { Route } from '../router/routes.js';
import { ADMIN_ROLE, useSession } from '../session/SessionContext.js';
import { DisplaySettings } from './DisplaySettings.js';

/**
 * The banner: the app's name, the navigation for the person's roles (everyone: 待办 and 办件;
 * administrators also 流程, the process diagrams, and the API documentation), the display
 * settings, and who is signed in.
 */
export function AppHeader({ user, route }: { user?: User | undefined; route: Route }): ReactElement {
  const { t } = useText();
  const { signOut } = useSession();
  const current = (names: Route['name'][]) => (names.includes(route.name) ? 'page' : undefined);
  return (
    <header className="app-header">
      <div className="app-header__inner">
        <p className="app-header__name">
          {user ? <Link to="/">{t('app.name')}</Link> : t('app.name')}
        </p>
        {user && (
          <nav aria-label={t('nav.label')} className="app-nav">
            <ul>
              <li><Link to="/" aria-current={current(['inbox', 'task'])}>{t('nav.inbox')}</Link></li>
              <li><Link to="/cases" aria-current={current(['cases', 'case'])}>{t('nav.cases')}</Link></li>
              {/* The process diagrams are where definitions are designed; cadres see their case's diagram on its page. */}
              {user.roles.includes(ADMIN_ROLE) && <li><Link to="/processes" aria-current={current(['processes', 'process', 'composer', 'simulator', 'versionDiff'])}>{t('nav.processes')}</Link></li>}
              {user.roles.includes(ADMIN_ROLE) && <li><Link to="/monitor" aria-current={current(['monitor'])}>{t('nav.monitor')}</Link></li>}
              {/* The API's own documentation page, outside the app: an ordinary link. */}
              {user.roles.includes(ADMIN_ROLE) && <li><a href="/api/docs">{t('nav.apiDocs')}</a></li>}
            </ul>
          </nav>
        )}
        <DisplaySettings />
        {user && (
          <div className="app-header__user">
            <span>{t('user.signedInAs', { name: user.displayName, unit: unitLabel(user.orgUnit, user) })}</span>
            <button type="button" className="button button--quiet" onClick={() => void signOut().then(() => navigate('/'))}>{t('user.logout')}</button>
          </div>
        )}
      </div>
    </header>
  );
}
