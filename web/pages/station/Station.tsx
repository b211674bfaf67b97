import { For, Show, createMemo, createSignal } from 'solid-js'
import type { FairDetail } from '../../lib/api.ts'
import { formatWhen } from '../../lib/format.ts'
import { t } from '../../lib/i18n.ts'
import { createLoad } from '../../lib/load.ts'
import { pt } from '../../lib/page-words.ts'
import { listFairs, loadFair } from '../../lib/queries/fairs.ts'
import { me } from '../../lib/session.ts'
import { LoadState } from '../../components/LoadState.tsx'
import { RequireRole } from '../../components/RequireRole.tsx'
import { StatusBadge } from '../../components/StatusBadge.tsx'
import { AssistedApply } from './AssistedApply.tsx'
import { Poster, type PosterOf } from './Poster.tsx'
import { StationApplications } from './StationApplications.tsx'
import { sharerSrc } from '../../../schemas/channel-src.ts'
import '../../styles/pages.css'

type FairRow = { id: string; startsAt: string; endsAt: string }

/** The fair a station works with: the one on now, else the next to come, else the latest. */
function currentFair(fairs: FairRow[], now = Date.now()): FairRow | undefined {
  const on = fairs.find((f) => Date.parse(f.startsAt) <= now && now <= Date.parse(f.endsAt))
  const next = fairs.filter((f) => Date.parse(f.startsAt) > now).sort((a, b) => a.startsAt.localeCompare(b.startsAt))[0]
  return on ?? next ?? [...fairs].sort((a, b) => b.startsAt.localeCompare(a.startsAt))[0]
}

/** /station — a village service station's screen: the fair's streams, posters, applying for villagers, what it filed. */
export default function Station() {
  return (
    <RequireRole role="station" denied={pt('st.onlyStations')}>
      <StationBody />
    </RequireRole>
  )
}

function StationBody() {
  const user = () => me()!.user
  const fairs = createLoad(() => true as const, () => listFairs(100))
  const [picked, setPicked] = createSignal<string | null>(null)
  const fairId = () => picked() ?? currentFair(fairs.data()?.items ?? [])?.id
  const fair = createLoad(() => fairId(), loadFair, { every: () => 30_000 })
  const [poster, setPoster] = createSignal<PosterOf | null>(null)
  const [applying, setApplying] = createSignal<FairDetail['streams'][number] | null>(null)
  const [filed, setFiled] = createSignal(0) // bumps the list below after each application
  const open = createMemo(() => (fair.data()?.streams ?? []).filter((s) => s.status !== 'ended'))
  const src = () => sharerSrc(user())! // st-<station id>: how many came through this station's posters
  return (
    <main class="station">
      <h1>{pt('st.title')}</h1>
      <p class="muted">{pt('st.intro', { name: user().name, town: user().town ?? '' })}</p>

      <section aria-labelledby="st-streams">
        <h2 id="st-streams">{pt('st.streams')}</h2>
        <Show when={(fairs.data()?.items.length ?? 0) > 1}>
          <select aria-label={t('fair.streams')} value={fairId() ?? ''} onChange={(e) => setPicked(e.currentTarget.value)}>
            <For each={fairs.data()?.items}>{(f) => <option value={f.id}>{f.title}</option>}</For>
          </select>
        </Show>
        <Show
          when={fair.data()}
          fallback={
            <Show when={fairs.data() && !fairId()} fallback={<LoadState of={fairs.data() ? fair : fairs} />}>
              <p class="empty">{pt('st.noStreams')}</p>
            </Show>
          }
        >
          {(d) => (
            <>
              <p>
                <strong>{d().fair.title}</strong> · {t('fair.dates', { from: formatWhen(d().fair.startsAt), to: formatWhen(d().fair.endsAt) })}{' '}
                <button type="button" onClick={() => setPoster({ kind: 'fair', fair: d().fair, src: src(), station: user().name })}>
                  {pt('st.posterFair')}
                </button>
              </p>
              <Show when={open().length} fallback={<p class="empty">{pt('st.noStreams')}</p>}>
                <div class="station-streams">
                  <For each={open()}>
                    {(s) => (
                      <article class="card station-stream" data-stream={s.id}>
                        <div class="card-top">
                          <StatusBadge status={s.status} />
                          <time datetime={s.scheduledAt}>{formatWhen(s.scheduledAt)}</time>
                        </div>
                        <h3>{s.title}</h3>
                        <p class="company">{s.company?.name}</p>
                        <div class="actions">
                          <button type="button" class="primary" onClick={() => setApplying(s)}>
                            {pt('st.assist')}
                          </button>
                          <button type="button" onClick={() => setPoster({ kind: 'stream', stream: s, src: src(), station: user().name })}>
                            {pt('st.poster')}
                          </button>
                        </div>
                      </article>
                    )}
                  </For>
                </div>
              </Show>
            </>
          )}
        </Show>
      </section>

      <Show when={poster()}>{(p) => <Poster of={p()} onClose={() => setPoster(null)} />}</Show>
      <Show when={applying()} keyed>
        {(s) => <AssistedApply stream={s} onFiled={() => setFiled((n) => n + 1)} onClose={() => setApplying(null)} />}
      </Show>
      <StationApplications version={filed()} />
    </main>
  )
}
