import { Link } from 'react-router';
import { api, call } from '../api/client';
import { Loading, PageTitle, useLoad } from '../components/ui';
import { useI18n } from '../i18n';
import { homeOf, useSession } from '../session';

/** The entry page: what the service does, and every published programme. */
export function Home({ notFound = false }: { notFound?: boolean }) {
  const { t, pick, money } = useI18n();
  const { user } = useSession();
  const products = useLoad(
    () => call(api.GET('/api/v1/products', { params: { query: { limit: 100 } } })),
    [],
  );
  return (
    <>
      <PageTitle>{notFound ? t('home.notFound') : t('home.title')}</PageTitle>
      <p className="lead">{t('home.lead')}</p>
      <p className="actions">
        {user ? (
          <Link className="button" to={homeOf(user.role)}>
            {t('home.continue')}
          </Link>
        ) : (
          <>
            <Link className="button" to="/register">
              {t('home.register')}
            </Link>
            <Link className="button secondary" to="/login">
              {t('nav.signIn')}
            </Link>
          </>
        )}
      </p>
      <h2>{t('home.programmes')}</h2>
      {products.data ? (
        <ul className="cards">
          {products.data.items.map((p) => (
            <li key={p.code} className="card">
              <h3>{pick(p.name)}</h3>
              <p>{pick(p.summary)}</p>
              <p className="meta">
                {t('product.upTo', { amount: money(p.amountMaxYuan) })} · {pick(p.administrator)}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <Loading />
      )}
    </>
  );
}
