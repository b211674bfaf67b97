import { For, Show, createEffect, on } from 'solid-js'
import { formatWhen } from '../../lib/format.ts'
import { t } from '../../lib/i18n.ts'
import { createPaged } from '../../lib/paged.ts'
import { pt } from '../../lib/page-words.ts'
import { stationApplications } from '../../lib/queries/my-applications.ts'
import { LoadState } from '../../components/LoadState.tsx'

/** What this station filed for villagers, newest first, and how each is going (names and phones masked). */
export function StationApplications(props: { version: number }) {
  const list = createPaged(() => true as const, (_: true, cursor?: string) => stationApplications(50, cursor))
  createEffect(on(() => props.version, () => void list.reload(), { defer: true }))
  return (
    <section aria-labelledby="st-apps">
      <h2 id="st-apps">{pt('st.apps')}</h2>
      <Show when={list.items().length} fallback={<Show when={!list.loading() && !list.error()} fallback={<LoadState of={list} />}><p class="empty">{pt('st.noApps')}</p></Show>}>
        <table class="station-table">
          <thead>
            <tr>
              <th>{pt('st.col.time')}</th>
              <th>{pt('st.col.person')}</th>
              <th>{pt('st.col.job')}</th>
              <th>{pt('st.col.company')}</th>
              <th>{pt('st.col.status')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={list.items()}>
              {(a) => (
                <tr data-application={a.id}>
                  <td>{formatWhen(a.createdAt)}</td>
                  <td>
                    {a.name} {a.phone}
                  </td>
                  <td>{a.jobTitle}</td>
                  <td>{a.companyName}</td>
                  <td data-status={a.status}>{t(`mine.status.${a.status}`)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
        <Show when={list.next()}>
          <button type="button" onClick={() => list.more()}>
            {pt('st.more')}
          </button>
        </Show>
      </Show>
    </section>
  )
}
