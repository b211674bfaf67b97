import { Show, createResource, createSignal, onCleanup } from 'solid-js'
import { Sheet } from '../Sheet.tsx'
import { sharerSrc } from '../../../schemas/channel-src.ts'
import { me } from '../../lib/session.ts'
import type { Job } from '../../lib/api.ts'
import { formatPay, formatWhen } from '../../lib/format.ts'
import { loadStream } from '../../lib/queries/streams.ts'
import { st } from '../../lib/share-words.ts'
import { drawPoster, type PosterInfo } from './poster.ts'
import './share.css'

/** What is shared: a stream (/watch/:id) or a fair (/fairs/:id), with what its poster shows. */
export type ShareTarget = {
  kind: 'stream' | 'fair'
  id: string
  title: string
  company?: string
  /** A stream's status and start, or a fair's start and end. A stream's company and jobs are fetched when not given. */
  status?: 'scheduled' | 'live' | 'ended'
  startsAt: string
  endsAt?: string
  jobs?: Pick<Job, 'title' | 'pay'>[]
}

/** 「11月23日 周一 09:00 开播」, 「正在直播」, 「3月1日 … 至 3月7日 …」 */
function whenOf(t: ShareTarget): string {
  if (t.kind === 'fair') return st('poster.fairWhen', { from: formatWhen(t.startsAt), to: formatWhen(t.endsAt ?? t.startsAt) })
  if (t.status === 'live') return st('poster.live')
  if (t.status === 'ended') return st('poster.ended')
  return st('poster.startsAt', { when: formatWhen(t.startsAt) })
}

const base = (t: ShareTarget) => (t.kind === 'stream' ? { page: 'watch', api: 'streams' } : { page: 'fairs', api: 'fairs' })
/** The link a sharer hands out: this site's page, tagged with the sharer's channel. */
export const shareLink = (t: ShareTarget, src: string) => `${location.origin}/${base(t).page}/${encodeURIComponent(t.id)}?src=${src}`
const qrOf = (t: ShareTarget, src: string) => `/api/${base(t).api}/${encodeURIComponent(t.id)}/qr.png?src=${src}`

/**
 * The share sheet (lazy: viewers load it when they tap 分享): a poster to save or send (its
 * code tagged `poster`), the sharer's own link to copy and its QR code, tagged with the
 * sharer's channel (docs/counting.md "Channels"): a station's, a recruiter's, the organizers',
 * else a viewer's re-share — or `src` when given.
 */
export default function ShareSheet(props: { target: ShareTarget; src?: string; onClose: () => void }) {
  const src = () => props.src ?? sharerSrc(me()?.user) ?? 'viewer'
  const target = () => props.target
  const title = () => st(target().kind === 'stream' ? 'title.stream' : 'title.fair')
  return (
    <Sheet open title={title()} onClose={props.onClose}>
      <div class="share">
        <Poster target={target()} />
        <LinkBox link={shareLink(target(), src())} qr={qrOf(target(), src())} />
      </div>
    </Sheet>
  )
}

function Poster(props: { target: ShareTarget }) {
  const canvas = document.createElement('canvas')
  const [attempt, setAttempt] = createSignal(0)
  let url: string | undefined
  onCleanup(() => url && URL.revokeObjectURL(url))
  const [poster] = createResource(attempt, async () => {
    let t = props.target
    if (t.kind === 'stream' && !t.jobs) {
      const d = await loadStream(t.id)
      t = { ...t, company: t.company ?? d.company?.name, jobs: d.jobs }
    }
    const jobs = (t.jobs ?? []).map((j) => ({ title: j.title, pay: formatPay(j.pay) }))
    const info: PosterInfo = {
      title: t.title,
      company: t.company,
      when: whenOf(t),
      jobs: jobs.slice(0, 4),
      moreJobs: jobs.length > 4 ? st('poster.moreJobs', { n: jobs.length - 4 }) : undefined,
      brand: st('poster.brand'),
      slogan: st('poster.slogan'),
      scan: st(t.kind === 'stream' ? 'poster.scan' : 'poster.scanFair'),
      qrUrl: qrOf(t, 'poster'),
    }
    const blob = await drawPoster(canvas, info)
    if (url) URL.revokeObjectURL(url)
    url = URL.createObjectURL(blob)
    return { url, blob }
  })
  const fileName = () => `${props.target.title.replace(/[\\/:*?"<>|\s]+/g, '-').slice(0, 40)}.png`
  // The phone's own share menu (WeChat among its apps) where the browser can hand it a file.
  const canSend = () => {
    const p = poster()
    if (!p || typeof navigator.canShare !== 'function') return false
    try {
      return navigator.canShare({ files: [new File([p.blob], fileName(), { type: 'image/png' })] })
    } catch {
      return false
    }
  }
  const send = () => {
    const p = poster()
    if (p) void navigator.share({ files: [new File([p.blob], fileName(), { type: 'image/png' })], title: props.target.title }).catch(() => {})
  }
  return (
    <section class="share-poster">
      <Show when={!poster.error} fallback={<p class="error" role="alert">{st('poster.failed')} <button type="button" class="link-button" onClick={() => setAttempt((n) => n + 1)}>{st('poster.retry')}</button></p>}>
        <Show when={poster()} fallback={<p class="muted">{st('poster.making')}</p>}>
          {(p) => (
            <>
              <img class="poster-image" src={p().url} alt={st('poster.alt', { title: props.target.title })} />
              <p class="share-hint">{st('poster.hint')}</p>
              <div class="share-actions">
                <a class="button primary" href={p().url} download={fileName()}>
                  {st('poster.save')}
                </a>
                <Show when={canSend()}>
                  <button type="button" class="button" onClick={send}>
                    {st('poster.send')}
                  </button>
                </Show>
              </div>
            </>
          )}
        </Show>
      </Show>
    </section>
  )
}

function LinkBox(props: { link: string; qr: string }) {
  const [copied, setCopied] = createSignal<'yes' | 'no' | null>(null)
  let input!: HTMLInputElement
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.link)
      setCopied('yes')
    } catch {
      // plain http (a county server on its own address) has no clipboard API: the old way
      input.select()
      setCopied(document.execCommand('copy') ? 'yes' : 'no')
    }
  }
  return (
    <section class="share-link">
      <label for="share-link-url">{st('link.label')}</label>
      <div class="share-link-row">
        <input id="share-link-url" ref={input} readOnly value={props.link} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" class="button" onClick={() => void copy()}>
          {st('link.copy')}
        </button>
      </div>
      <Show when={copied()}>{(c) => <p class={c() === 'yes' ? 'share-ok' : 'error'} role="status">{st(c() === 'yes' ? 'link.copied' : 'link.copyFailed')}</p>}</Show>
      <div class="share-qr">
        <img src={props.qr} alt={st('qr.alt')} width="164" height="164" />
        <p class="muted">{st('qr.hint')}</p>
      </div>
    </section>
  )
}
