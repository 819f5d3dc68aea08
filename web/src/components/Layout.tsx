import { NavLink, Outlet, useNavigate } from 'react-router';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { useSession } from '../session';

const NAV: Record<string, [string, MessageKey][]> = {
  sme: [
    ['/sme', 'nav.sme.profile'],
    ['/sme/matches', 'nav.sme.matches'],
    ['/sme/referrals', 'nav.sme.referrals'],
    ['/sme/notifications', 'nav.sme.notifications'],
  ],
  bank: [
    ['/bank', 'nav.bank.inbox'],
    ['/bank/settings', 'nav.bank.settings'],
  ],
  admin: [
    ['/admin', 'nav.admin.catalogue'],
    ['/admin/banks', 'nav.admin.banks'],
    ['/admin/escalations', 'nav.admin.escalations'],
    ['/admin/deliveries', 'nav.admin.deliveries'],
    ['/admin/calendar', 'nav.admin.calendar'],
    ['/admin/claims', 'nav.admin.claims'],
    ['/admin/stats', 'nav.admin.stats'],
  ],
};

export function Layout() {
  const { t, lang, setLang } = useI18n();
  const { user, signOut } = useSession();
  const navigate = useNavigate();
  const links = user ? NAV[user.role] : [];
  return (
    <>
      <a className="skip" href="#main">
        {t('common.skip')}
      </a>
      <header className="top">
        <div className="brand">
          <NavLink to="/">{t('app.name')}</NavLink>
        </div>
        <div className="tools">
          <button
            type="button"
            className="link"
            lang={lang === 'zh' ? 'en' : 'zh-CN'}
            onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
          >
            {lang === 'zh' ? 'English' : '中文'}
          </button>
          {user ? (
            <>
              <span className="who">{user.displayName || user.email}</span>
              <button
                type="button"
                className="link"
                onClick={() => void signOut().then(() => navigate('/'))}
              >
                {t('nav.signOut')}
              </button>
            </>
          ) : (
            <NavLink to="/login">{t('nav.signIn')}</NavLink>
          )}
        </div>
        {links.length ? (
          <nav aria-label={t('nav.label')}>
            <ul>
              {links.map(([to, key]) => (
                <li key={to}>
                  <NavLink to={to} end>
                    {t(key)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </header>
      <main id="main">
        <Outlet />
      </main>
    </>
  );
}
