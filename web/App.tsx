import { Route, Router, type RouteSectionProps } from '@solidjs/router'
import { Suspense, lazy } from 'solid-js'
import { Header } from './components/Header.tsx'
import { t } from './lib/i18n.ts'
import Home from './pages/Home.tsx'
import Watch from './pages/Watch.tsx'
import NotFound from './pages/NotFound.tsx'

// Viewers only ever need home and watch; the rest loads on demand.
const Login = lazy(() => import('./pages/Login.tsx'))
const Register = lazy(() => import('./pages/Register.tsx'))
const Studio = lazy(() => import('./pages/studio/Studio.tsx'))
const Admin = lazy(() => import('./pages/admin/Admin.tsx'))
const Fair = lazy(() => import('./pages/Fair.tsx'))

function Layout(props: RouteSectionProps) {
  return (
    <>
      <Header />
      <Suspense
        fallback={
          <main>
            <p class="muted">{t('common.loading')}</p>
          </main>
        }
      >
        {props.children}
      </Suspense>
    </>
  )
}

export function App() {
  return (
    <Router root={Layout}>
      <Route path="/" component={Home} />
      <Route path="/login" component={Login} />
      <Route path="/register" component={Register} />
      <Route path="/watch/:id" component={Watch} />
      <Route path="/studio" component={Studio} />
      <Route path="/admin" component={Admin} />
      <Route path="/fairs/:id" component={Fair} />
      <Route path="*404" component={NotFound} />
    </Router>
  )
}
