import { For, Show } from 'solid-js'
import { createLoad } from '../../lib/load.ts'
import { formatClock } from '../../lib/format.ts'
import { loadModerationLog, type ModerationEntry } from '../../lib/queries/moderation.ts'
import { rt } from '../../lib/report-words.ts'
import { LoadState } from '../../components/LoadState.tsx'

const LIVE_MS = 5_000

/** Who deleted, muted, answered or pinned what in this stream, newest first (organizers and the company). */
export function ModerationLog(props: { streamId: string; live: boolean }) {
  const log = createLoad(() => props.streamId, loadModerationLog, { keep: true, every: () => (props.live ? LIVE_MS : null) })
  const items = (): ModerationEntry[] => log.data()?.items ?? []
  return (
    <section class="report-section modlog" aria-labelledby="modlog-title">
      <h2 id="modlog-title">{rt('sr.modlog')}</h2>
      <Show when={log.data()} fallback={<LoadState of={log} />}>
        <Show when={items().length} fallback={<p class="empty">{rt('sr.modlogEmpty')}</p>}>
          <div class="table-wrap">
            <table class="rtable modlog-table">
              <thead>
                <tr>
                  <th scope="col">{rt('sr.modlogAt')}</th>
                  <th scope="col">{rt('sr.modlogBy')}</th>
                  <th scope="col">{rt('sr.modlogAction')}</th>
                  <th scope="col">{rt('sr.modlogText')}</th>
                </tr>
              </thead>
              <tbody>
                <For each={items()}>
                  {(e) => (
                    <tr data-action={e.action}>
                      <td data-label={rt('sr.modlogAt')}>
                        <time datetime={e.at}>{formatClock(e.at)}</time>
                      </td>
                      <td data-label={rt('sr.modlogBy')}>{e.by.name}</td>
                      <td data-label={rt('sr.modlogAction')}>{rt(`mod.${e.action}`)}</td>
                      {/* Text only: Solid escapes it, so markup in a deleted comment stays text. */}
                      <td data-label={rt('sr.modlogText')}>{e.text ?? ''}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </Show>
      </Show>
    </section>
  )
}
