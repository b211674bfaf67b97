import { Route, Router, useLocation, type RouteSectionProps } from '@solidjs/router'
import { Show, Suspense, lazy } from 'solid-js'
import { Header } from './components/Header.tsx'
import { t } from './lib/i18n.ts'
import Home from './pages/Home.tsx'
import Watch from './pages/watch/Watch.tsx'
import NotFound from './pages/NotFound.tsx'

// Viewers only ever need home and watch; the rest loads on demand.
const Login = lazy(() => import('./pages/Login.tsx'))
const Register = lazy(() => import('./pages/Register.tsx'))
const Studio = lazy(() => import('./pages/studio/Studio.tsx'))
const Admin = lazy(() => import('./pages/admin/Admin.tsx'))
const Fair = lazy(() => import('./pages/Fair.tsx'))
const LivePanel = lazy(() => import('./pages/studio/live/LivePanel.tsx'))
const reports = () => import('./pages/reports/index.ts')
const StreamReport = lazy(() => reports().then((m) => ({ default: m.StreamReport })))
const Overview = lazy(() => reports().then((m) => ({ default: m.Overview })))
const FairDashboard = lazy(() => reports().then((m) => ({ default: m.FairDashboard })))
const BigScreen = lazy(() => reports().then((m) => ({ default: m.BigScreen })))
const LinkedScreen = lazy(() => reports().then((m) => ({ default: m.LinkedScreen })))
const MyApplications = lazy(() => import('./pages/MyApplications.tsx'))
const Station = lazy(() => import('./pages/station/Station.tsx'))
const Reminder = lazy(() => import('./pages/Reminder.tsx')) // the SMS reminder's link (预约直播)

function Layout(props: RouteSectionProps) {
  // The live room is full-screen with its own top bar over the video; the 大屏 has no chrome.
  const location = useLocation()
  return (
    <>
      <Show when={!location.pathname.startsWith('/watch/') && !location.pathname.startsWith('/screen/')}>
        <Header />
      </Show>
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
      <Route path="/studio/live/:id" component={LivePanel} />
      <Route path="/studio/report/:id" component={StreamReport} />
      <Route path="/admin/overview" component={Overview} />
      <Route path="/admin/fairs/:id" component={FairDashboard} />
      <Route path="/admin/streams/:id" component={StreamReport} />
      <Route path="/screen/fairs/:id" component={BigScreen} />
      <Route path="/screen/s/:token" component={LinkedScreen} />
      <Route path="/me/applications" component={MyApplications} />
      <Route path="/station" component={Station} />
      <Route path="/admin" component={Admin} />
      <Route path="/fairs/:id" component={Fair} />
      <Route path="/r/:code" component={Reminder} />
      <Route path="*404" component={NotFound} />
    </Router>
  )
}
