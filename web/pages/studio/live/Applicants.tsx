import { For, Show, createEffect, createMemo, createSignal, on } from 'solid-js'
import { api, applicationsCsvPath, asFailure, call, type Applicant, type ApplicantStatus, type Job, type LiveState } from '../../../lib/api.ts'
import { codeMsg, show } from '../../../lib/errors.ts'
import { formatClock } from '../../../lib/format.ts'
import { t } from '../../../lib/i18n.ts'
import { pageQuery } from '../../../lib/paged.ts'
import { FormError } from '../../../components/FormError.tsx'
import { MoreButton } from '../../../components/MoreButton.tsx'

const STATUSES: ApplicantStatus[] = ['new', 'contacted', 'interview', 'hired', 'rejected']
const PAGE = 50
const FRESH_MS = 20_000

/**
 * Applicants, newest first, with full phone numbers (the owner's view). Whenever the overlay's
 * application count moves, everything since the newest row shown is fetched (page by page in
 * a surge, so none is skipped); rows that were not there before are highlighted for a while.
 */
export function Applicants(props: { streamId: string; jobs: Job[]; state: LiveState | null }) {
  const titles = createMemo(() => new Map(props.jobs.map((j) => [j.id, j.title])))
  const [rows, setRows] = createSignal<Applicant[]>([])
  const [next, setNext] = createSignal<string | null>(null)
  const [loading, setLoading] = createSignal(false)
  const [problem, setProblem] = createSignal('')
  const [fresh, setFresh] = createSignal<ReadonlySet<string>>(new Set())
  const [saving, setSaving] = createSignal<string | null>(null)
  const [loaded, setLoaded] = createSignal(false)
  let running = false
  let again = false

  let newest: string | null = null // where the rows shown end; null until the first page
  const fetchPage = (cursor?: string) => call(api.streams[':id'].applications.$get({ param: { id: props.streamId }, query: pageQuery(PAGE, cursor) }))
  const fetchSince = (since: string) => call(api.streams[':id'].applications.$get({ param: { id: props.streamId }, query: { since, limit: String(PAGE) } }))

  async function refreshFirst() {
    if (running) return void (again = true)
    running = true
    try {
      do {
        again = false
        let more = true
        while (more) {
          const first = !loaded() || newest === null
          const page = first ? await fetchPage() : await fetchSince(newest!)
          const known = new Set(rows().map((r) => r.id))
          const added = loaded() ? page.items.filter((r) => !known.has(r.id)).map((r) => r.id) : []
          const ids = new Set(page.items.map((r) => r.id))
          setRows((prev) => [...page.items, ...prev.filter((r) => !ids.has(r.id))])
          if (!loaded()) setNext(page.next)
          newest = page.newest
          more = page.more
          setLoaded(true)
          setProblem('')
          if (added.length) highlight(added)
        }
      } while (again)
    } catch (e) {
      setProblem(show(codeMsg(asFailure(e))))
    } finally {
      running = false
    }
  }

  function highlight(ids: string[]) {
    setFresh((s) => new Set([...s, ...ids]))
    setTimeout(() => setFresh((s) => new Set([...s].filter((id) => !ids.includes(id)))), FRESH_MS)
  }

  async function more() {
    const cursor = next()
    if (!cursor) return
    setLoading(true)
    try {
      const page = await fetchPage(cursor)
      const have = new Set(rows().map((r) => r.id))
      setRows((prev) => [...prev, ...page.items.filter((r) => !have.has(r.id))])
      setNext(page.next)
    } catch (e) {
      setProblem(show(codeMsg(asFailure(e))))
    } finally {
      setLoading(false)
    }
  }

  async function setStatus(a: Applicant, status: ApplicantStatus) {
    if (status === 'new' || status === a.status) return
    setSaving(a.id)
    setProblem('')
    try {
      const res = await call(api.applications[':id'].$patch({ param: { id: a.id }, json: { status } }))
      setRows((list) => list.map((r) => (r.id === a.id ? { ...r, ...res.application } : r)))
    } catch (e) {
      setProblem(show(codeMsg(asFailure(e))))
      setRows((list) => [...list]) // puts the select back to the stored status
    } finally {
      setSaving(null)
    }
  }

  // Only a change in the number of applications (not a pin) fetches the first page again.
  const total = createMemo(() => props.state?.jobs.reduce((n, j) => n + j.applications, 0))
  createEffect(on(total, () => void refreshFirst()))

  return (
    <section class="panel feed" aria-labelledby="feed-title">
      <div class="feed-head">
        <h2 id="feed-title">{t('live.feed')}</h2>
        <a class="button" href={applicationsCsvPath(props.streamId)} download="">
          {t('live.csv')}
        </a>
      </div>
      <FormError message={problem()} />
      <Show when={loaded() || rows().length} fallback={<p class="muted">{t('common.loading')}</p>}>
        <Show when={rows().length} fallback={<p class="empty">{t('live.noApplicants')}</p>}>
          <ol class="applicants" aria-live="polite">
            <For each={rows()}>
              {(a) => (
                <li class="applicant" classList={{ fresh: fresh().has(a.id) }}>
                  <div class="applicant-who">
                    <Show when={fresh().has(a.id)}>
                      <span class="badge badge-live">{t('live.newRow')}</span>
                    </Show>
                    <strong>{a.name}</strong>
                    <a href={`tel:${a.phone}`} class="phone">
                      {a.phone}
                    </a>
                  </div>
                  <p class="applicant-meta">
                    {[titles().get(a.jobId) ?? '', formatClock(a.createdAt), a.age ? t('live.age', { n: a.age }) : '', a.town ?? '', a.station ? t('live.station', { name: a.station.name }) : ''].filter(Boolean).join(' · ')}
                  </p>
                  <label class="status-pick">
                    <span>{t('live.status')}</span>
                    <select value={a.status} disabled={saving() === a.id} onChange={(e) => void setStatus(a, e.currentTarget.value as ApplicantStatus)} classList={{ [`st-${a.status}`]: true }}>
                      <For each={STATUSES}>
                        {(s) => (
                          <option value={s} disabled={s === 'new'} selected={s === a.status}>
                            {t(`appStatus.${s}`)}
                          </option>
                        )}
                      </For>
                    </select>
                  </label>
                </li>
              )}
            </For>
          </ol>
        </Show>
      </Show>
      <MoreButton next={next()} loading={loading()} onMore={more} />
    </section>
  )
}
