import { Navigate } from '@solidjs/router'
import { Match, Switch, type JSX } from 'solid-js'
import type { Role } from '../lib/api.ts'
import { t } from '../lib/i18n.ts'
import { me } from '../lib/session.ts'

/** Renders children only for a signed-in user with the role (or one of the roles); signed-out users go to /login. */
export function RequireRole(props: { role: Role | Role[]; denied: string; children: JSX.Element }) {
  const allowed = () => ([] as Role[]).concat(props.role)
  return (
    <Switch>
      <Match when={me() === undefined}>
        <main>
          <p class="muted">{t('common.loading')}</p>
        </main>
      </Match>
      <Match when={me() === null}>
        <Navigate href="/login" />
      </Match>
      <Match when={!allowed().includes(me()!.user.role)}>
        <main>
          <p class="notice warn">{props.denied}</p>
        </main>
      </Match>
      <Match when={true}>{props.children}</Match>
    </Switch>
  )
}
