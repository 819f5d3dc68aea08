import { StrictMode, Suspense, lazy, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { Layout } from './components/Layout';
import { Loading } from './components/ui';
import { I18nProvider } from './i18n';
import { Home } from './pages/Home';
import { Login, Register } from './pages/Auth';
import { homeOf, SessionProvider, useSession, type User } from './session';

// The SME pages load with the entry; bank and admin pages are chunks of their own, so that the
// phone of an SME downloads none of them (the budget in docs/web.md).
const Sme = lazy(() => import('./pages/sme/SmeRoutes'));
const Bank = lazy(() => import('./pages/bank/BankRoutes'));
const Admin = lazy(() => import('./pages/admin/AdminRoutes'));

function RequireRole({ role, children }: { role: User['role']; children: ReactNode }) {
  const { user, ready } = useSession();
  if (!ready) return <Loading />;
  if (!user)
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname)}`} replace />;
  if (user.role !== role) return <Navigate to={homeOf(user.role)} replace />;
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<Home />} />
        <Route path="login" element={<Login />} />
        <Route path="register" element={<Register />} />
        <Route
          path="sme/*"
          element={
            <RequireRole role="sme">
              <Sme />
            </RequireRole>
          }
        />
        <Route
          path="bank/*"
          element={
            <RequireRole role="bank">
              <Bank />
            </RequireRole>
          }
        />
        <Route
          path="admin/*"
          element={
            <RequireRole role="admin">
              <Admin />
            </RequireRole>
          }
        />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

function NotFound() {
  return <Home notFound />;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <SessionProvider>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </SessionProvider>
    </I18nProvider>
  </StrictMode>,
);
