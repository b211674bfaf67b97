import { Show, createSignal } from 'solid-js'
import { asFailure } from '../../../lib/api.ts'
import { streamIngress } from '../../../lib/queries/streams.ts'
import { codeMsg, show } from '../../../lib/errors.ts'
import { wt } from '../../../lib/staff-words.ts'
import { FormError } from '../../../components/FormError.tsx'

type Ingress = { type: 'rtmp' | 'whip'; url: string; streamKey: string }

/** OBS: ask for an RTMP or WHIP ingress and show its address and key, each with a copy button. */
export function ObsBox(props: { streamId: string; enabled: boolean }) {
  const [ingress, setIngress] = createSignal<Ingress | null>(null)
  const [busy, setBusy] = createSignal(false)
  const [problem, setProblem] = createSignal('')

  async function request(type: Ingress['type']) {
    setBusy(true)
    setProblem('')
    try {
      const res = await streamIngress(props.streamId, type)
      setIngress({ type, ...res })
    } catch (e) {
      setProblem(show(codeMsg(asFailure(e))))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div class="obs">
      <p>{wt('live.obsIntro')}</p>
      <div class="actions">
        <button type="button" disabled={!props.enabled || busy()} onClick={() => request('rtmp')}>
          {wt('live.rtmp')}
        </button>
        <button type="button" disabled={!props.enabled || busy()} onClick={() => request('whip')}>
          {wt('live.whip')}
        </button>
      </div>
      <FormError message={problem()} />
      <Show when={ingress()}>
        {(i) => (
          <div class="ingress">
            <CopyField id="ingress-url" label={`${wt('live.url')} (${i().type.toUpperCase()})`} value={i().url} />
            <CopyField id="ingress-key" label={wt('live.key')} value={i().streamKey} />
          </div>
        )}
      </Show>
    </div>
  )
}

function CopyField(props: { id: string; label: string; value: string }) {
  const [copied, setCopied] = createSignal(false)
  let input!: HTMLInputElement
  async function copy() {
    try {
      await navigator.clipboard.writeText(props.value)
    } catch {
      input.select()
      document.execCommand('copy') // plain-http pages have no clipboard API
    }
    setCopied(true)
    setTimeout(() => setCopied(false), 2000)
  }
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <div class="inline">
        <input id={props.id} ref={input} readOnly value={props.value} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" onClick={copy} aria-label={`${copied() ? wt('live.copied') : wt('live.copy')} ${props.label}`}>
          {copied() ? wt('live.copied') : wt('live.copy')}
        </button>
      </div>
    </div>
  )
}
