import { Show, createSignal } from 'solid-js'
import type { ClientResponse } from 'hono/client'
import { asFailure } from '../../lib/api.ts'
import { codeMsg, show } from '../../lib/errors.ts'
import { downloadCsv } from '../../lib/csv-download.ts'
import { fileSize } from '../../lib/report-format.ts'
import { rt } from '../../lib/report-words.ts'
import { FormError } from '../../components/FormError.tsx'

/** A CSV download with its progress (bytes received) and any failure shown beside it. */
export function ExportButton(props: { label: string; request: () => Promise<ClientResponse<unknown, number, string>>; filename: string; class?: string }) {
  const [bytes, setBytes] = createSignal<number | null>(null)
  const [total, setTotal] = createSignal<number | null>(null)
  const [done, setDone] = createSignal<number | null>(null)
  const [problem, setProblem] = createSignal('')
  async function run() {
    setProblem('')
    setDone(null)
    setBytes(0)
    try {
      const size = await downloadCsv(props.request(), props.filename, (b, tot) => {
        setBytes(b)
        setTotal(tot)
      })
      setDone(size)
    } catch (e) {
      setProblem(show(codeMsg(asFailure(e))))
    } finally {
      setBytes(null)
    }
  }
  return (
    <div class={`export ${props.class ?? ''}`} data-export={props.filename}>
      <button type="button" onClick={run} disabled={bytes() !== null} aria-describedby={`${props.filename}-state`}>
        {props.label}
      </button>
      <span id={`${props.filename}-state`} class="export-state" role="status">
        <Show when={bytes() !== null}>
          {/* Without a Content-Length the bar is indeterminate; with one it fills. */}
          <Show when={total()} fallback={<progress />}>
            <progress max={total()!} value={bytes()!} />
          </Show>
          {rt('export.working', { size: fileSize(bytes()!) })}
        </Show>
        <Show when={bytes() === null && done() !== null}>{rt('export.done', { size: fileSize(done()!) })}</Show>
      </span>
      <FormError message={problem()} />
    </div>
  )
}
