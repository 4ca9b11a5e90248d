import { Suspense, lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, RouterProvider, createBrowserRouter, useLocation } from 'react-router';
import { Layout } from './components/Layout.tsx';
import { PageTitle } from './components/PageTitle.tsx';
import { ErrorState, Loading } from './components/StateViews.tsx';
import { screens } from './routes.tsx';
import { SessionProvider, useSession } from './session.tsx';

const Onboarding = lazy(() => import('./screens/Onboarding.tsx'));

/** Shows the unlocked screens only with an unlocked session; otherwise sends to /welcome, remembering where to come back. */
function RequireUnlocked() {
  const session = useSession();
  const location = useLocation();
  if (session.status === 'loading') return <Loading />;
  if (session.status === 'unreachable') return <ErrorState error={new Error('The MesInfos server cannot be reached.')} retry={() => void session.refresh()} />;
  if (session.status === 'locked') return <Navigate to={`/welcome?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <Layout />;
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle text={t('state.notFound')} />
      <p>
        <Link to="/">{t('state.backHome')}</Link>
      </p>
    </>
  );
}

const router = createBrowserRouter([
  {
    path: '/welcome',
    element: (
      <Suspense fallback={<Loading />}>
        <Onboarding />
      </Suspense>
    ),
  },
  {
    path: '/',
    element: <RequireUnlocked />,
    children: [
      ...screens.map((s) => (s.path === '' ? { index: true, Component: s.component } : { path: s.path, Component: s.component })),
      { path: '*', Component: NotFound },
    ],
  },
]);

export function App() {
  return (
    <SessionProvider>
      <RouterProvider router={router} />
    </SessionProvider>
  );
}
