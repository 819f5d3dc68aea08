import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, call } from '../api/client';
import { ErrorSummary, fieldErrors, PageTitle, TextField } from '../components/ui';
import { useI18n } from '../i18n';
import { homeOf, useSession } from '../session';

function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : null;
}

export function Login() {
  const { t } = useI18n();
  const { signIn } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    try {
      const me = await signIn(String(form.get('email')), String(form.get('password')));
      void navigate(safeNext(params.get('next')) ?? homeOf(me.role), { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageTitle>{t('auth.signInTitle')}</PageTitle>
      <ErrorSummary error={error} />
      <form onSubmit={(e) => void submit(e)} className="narrow">
        <TextField
          label={t('auth.email')}
          name="email"
          type="email"
          autoComplete="username"
          required
        />
        <TextField
          label={t('auth.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          required
        />
        <button type="submit" disabled={busy}>
          {t('nav.signIn')}
        </button>
      </form>
      <p>
        {t('auth.noAccount')} <Link to="/register">{t('home.register')}</Link>
      </p>
    </>
  );
}

export function Register() {
  const { t, lang } = useI18n();
  const { signIn } = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(error, lang);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const email = String(form.get('email'));
    const password = String(form.get('password'));
    const displayName = String(form.get('displayName') || '') || undefined;
    setBusy(true);
    try {
      await call(api.POST('/api/v1/auth/register', { body: { email, password, displayName } }));
      await signIn(email, password);
      void navigate('/sme', { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageTitle>{t('auth.registerTitle')}</PageTitle>
      <ErrorSummary error={error} />
      <form onSubmit={(e) => void submit(e)} className="narrow">
        <TextField
          label={t('auth.displayName')}
          name="displayName"
          autoComplete="name"
          error={errors.displayName}
        />
        <TextField
          label={t('auth.email')}
          name="email"
          type="email"
          autoComplete="email"
          required
          error={errors.email}
        />
        <TextField
          label={t('auth.password')}
          hint={t('auth.passwordHint')}
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={10}
          required
          error={errors.password}
        />
        <button type="submit" disabled={busy}>
          {t('home.register')}
        </button>
      </form>
    </>
  );
}
