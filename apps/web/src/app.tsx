import { Suspense, useEffect } from 'react';
import { api } from './api/endpoints.js';
import { AuthProvider, useAuth } from './auth/auth.js';
import { Shell } from './components/shell.js';
import { I18nProvider, useI18n } from './i18n/i18n.js';
import { matchPath } from './router/match.js';
import { Link, RouterProvider, useRouter } from './router/router.js';
import { paths, ROUTES } from './routes.js';
import { landingPath } from './landing.js';
import { LoginScreen } from './screens/login-screen.js';

function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      {t('app.loading')}
    </p>
  );
}

function NotFound() {
  const { t } = useI18n();
  return (
    <section className="panel">
      <h1>{t('app.notFound')}</h1>
      <Link to={paths.meetings}>{t('app.backToMeetings')}</Link>
    </section>
  );
}

function Routed() {
  const { state } = useAuth();
  const { pathname, navigate } = useRouter();

  const me = state.phase === 'signed-in' ? state.me : null;
  const landing = pathname === '/' || pathname === paths.login;
  // public screens (the kiosk: its own token, no user session) are shown whoever is signed in
  const publicRoute = ROUTES.find((r) => r.roles === 'public' && matchPath(paths[r.name], pathname));
  useEffect(() => {
    if (publicRoute) return;
    if (state.phase === 'anonymous' && pathname !== paths.login) navigate(paths.login, { replace: true });
    if (!me || !landing) return;
    if (me.role !== 'delegate') {
      navigate(paths.meetings, { replace: true });
      return;
    }
    let stale = false;
    api.meetings().then(
      (meetings) => !stale && navigate(landingPath(me, meetings), { replace: true }),
      () => !stale && navigate(paths.meetings, { replace: true }),
    );
    return () => {
      stale = true;
    };
  }, [state.phase, me, landing, pathname, navigate, publicRoute]);

  if (publicRoute) {
    const Screen = publicRoute.screen;
    return (
      <Suspense fallback={<Loading />}>
        <Screen params={matchPath(paths[publicRoute.name], pathname) ?? {}} />
      </Suspense>
    );
  }
  if (state.phase === 'loading') return <Loading />;
  if (state.phase === 'anonymous') return <LoginScreen />;
  if (landing) return <Loading />;

  for (const route of ROUTES) {
    const params = matchPath(paths[route.name], pathname);
    if (!params) continue;
    const allowed = route.roles === 'public' || route.roles.includes(state.me.role);
    const Screen = route.screen;
    const body = allowed ? (
      <Suspense fallback={<Loading />}>
        <Screen params={params} />
      </Suspense>
    ) : (
      <NotFound />
    );
    return route.layout === 'full' ? body : <Shell>{body}</Shell>;
  }
  return (
    <Shell>
      <NotFound />
    </Shell>
  );
}

export function App() {
  return (
    <I18nProvider>
      <RouterProvider>
        <AuthProvider>
          <Routed />
        </AuthProvider>
      </RouterProvider>
    </I18nProvider>
  );
}
