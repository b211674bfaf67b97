import { createSignal } from 'solid-js'
import { asFailure, type Applicant, type ApplicantStatus } from './api.ts'
import { listApplicants, setApplicantStatus } from './queries/applications.ts'
import { codeMsg, show, type Msg } from './errors.ts'
import { pageQuery } from './queries/page-query.ts'
import { createRowAction } from './row-action.ts'

/**
 * A stream's applicants, newest first, kept current: `refresh` fetches everything since the
 * newest row held (page by page in a surge, so nobody is skipped; the first page the first
 * time); `more` pages further back. Used by the live console and the stream report. Not a
 * load (web/lib/load.ts): it merges new rows into those held instead of replacing an answer,
 * and a refresh asked for while one runs makes it go round again rather than start over.
 */
export function createApplicantFeed(streamId: () => string, pageSize = 50) {
  const [rows, setRows] = createSignal<Applicant[]>([])
  const [next, setNext] = createSignal<string | null>(null)
  const [loaded, setLoaded] = createSignal(false)
  const [loadingMore, setLoadingMore] = createSignal(false)
  const [problem, setProblem] = createSignal<Msg | null>(null) // one slot: the newest failure, load or save
  const saving = createRowAction() // the applicant whose status is being saved
  let newest: string | null = null // where the rows held end; null until a first page with rows
  let running = false
  let again = false
  const get = (query: Record<string, string>) => listApplicants(streamId(), query)
  const fail = (e: unknown) => setProblem(codeMsg(asFailure(e)))

  /** Brings the list up to date; resolves with the ids that were not held before (none the first time). */
  async function refresh(): Promise<string[]> {
    if (running) {
      again = true // the running refresh goes round once more
      return []
    }
    running = true
    const added: string[] = []
    try {
      do {
        again = false
        for (let more = true; more; ) {
          const page = newest === null ? await get(pageQuery(pageSize)) : await get({ since: newest, limit: String(pageSize) })
          const held = new Set(rows().map((r) => r.id))
          if (loaded()) added.push(...page.items.filter((r) => !held.has(r.id)).map((r) => r.id))
          const ids = new Set(page.items.map((r) => r.id))
          setRows((prev) => [...page.items, ...prev.filter((r) => !ids.has(r.id))])
          if (!loaded()) setNext(page.next)
          newest = page.newest ?? newest
          more = page.more
          setLoaded(true)
          setProblem(null)
        }
      } while (again)
    } catch (e) {
      fail(e)
    } finally {
      running = false
    }
    return added
  }

  async function more() {
    const cursor = next()
    if (!cursor) return
    setLoadingMore(true)
    try {
      const page = await get(pageQuery(pageSize, cursor))
      const held = new Set(rows().map((r) => r.id))
      setRows((prev) => [...prev, ...page.items.filter((r) => !held.has(r.id))])
      setNext(page.next)
    } catch (e) {
      fail(e)
    } finally {
      setLoadingMore(false)
    }
  }

  /** Moves an applicant on; resolves false (with `problem` set) when the server refused it. */
  async function setStatus(a: Applicant, status: ApplicantStatus): Promise<boolean> {
    if (status === 'new' || status === a.status) return false
    setProblem(null)
    const saved = await saving.run(a.id, async () => {
      const { application } = await setApplicantStatus(a.id, status)
      setRows((list) => list.map((r) => (r.id === a.id ? { ...r, ...application } : r)))
    })
    if (!saved) setProblem(saving.problem())
    return saved
  }
  /** Makes every row render again (a select put back to the stored status). */
  const redraw = () => setRows((list) => [...list])

  return { rows, next, loaded, loadingMore, problem: () => show(problem()), saving: saving.working, refresh, more, setStatus, redraw }
}
