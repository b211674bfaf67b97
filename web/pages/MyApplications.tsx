import { A } from '@solidjs/router'
import { For, Show } from 'solid-js'
import { formatWhen } from '../lib/format.ts'
import { t } from '../lib/i18n.ts'
import { createLoad } from '../lib/load.ts'
import { mine, type MyApplication } from '../lib/my-applications.ts'
import { pt } from '../lib/page-words.ts'
import { applicationProgress } from '../lib/queries/my-applications.ts'
import '../styles/pages.css'

const REFRESH_MS = 60_000

/** /me/applications — 我的报名: what this phone applied for, how each is going, and the company's phone. */
export default function MyApplications() {
  return (
    <main class="mine">
      <h1>{pt('mine.title')}</h1>
      <p class="muted">{pt('mine.intro')}</p>
      <Show
        when={mine().length}
        fallback={
          <div class="empty">
            <p>{pt('mine.empty')}</p>
            <A href="/" class="button">
              {pt('mine.browse')}
            </A>
          </div>
        }
      >
        <ul class="mine-list">
          <For each={mine()}>{(a) => <Row app={a} />}</For>
        </ul>
      </Show>
    </main>
  )
}

function Row(props: { app: MyApplication }) {
  const progress = createLoad(() => props.app, (a) => applicationProgress(a.id, a.receipt), { every: () => REFRESH_MS })
  const status = () => progress.data()?.status
  const phone = () => progress.data()?.company.hiringPhone
  return (
    <li class="card mine-row" data-application={props.app.id}>
      <h2>{progress.data()?.job.title || props.app.job}</h2>
      <p class="mine-company">{progress.data()?.company.name || props.app.company}</p>
      <Show when={status()} fallback={<Show when={progress.error()}><p class="muted">{pt('mine.unknown')}</p></Show>}>
        {(s) => (
          <p class="mine-status" data-status={s()}>
            <span class="mine-badge">{t(`mine.status.${s()}`)}</span>
            <span>{pt(`mine.hint.${s()}`)}</span>
          </p>
        )}
      </Show>
      <p class="muted">{pt('mine.appliedAt', { time: formatWhen(new Date(props.app.at).toISOString()) })}</p>
      <Show when={phone()} fallback={<Show when={status()}><p class="muted">{pt('mine.noPhone')}</p></Show>}>
        {(p) => (
          <a class="button primary big call" href={`tel:${p().replace(/-/g, '')}`}>
            {pt('mine.call')} <span style={{ 'white-space': 'nowrap' }}>{p()}</span>
          </a>
        )}
      </Show>
      <A href={`/watch/${props.app.streamId}`} class="mine-back">
        {pt('mine.back')}
      </A>
    </li>
  )
}
