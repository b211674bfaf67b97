import { Show, createResource } from 'solid-js'
import type { FairDetail } from '../../lib/api.ts'
import { formatWhen } from '../../lib/format.ts'
import { pt } from '../../lib/page-words.ts'

export type PosterOf =
  | { kind: 'stream'; stream: FairDetail['streams'][number]; src: string; station: string }
  | { kind: 'fair'; fair: FairDetail['fair']; src: string; station: string }

/** Where the poster's QR code leads, tagged with the station's channel (?src=st-<id>) for counting. */
export const posterLink = (p: PosterOf, origin = location.origin) =>
  `${origin}${p.kind === 'stream' ? `/watch/${p.stream.id}` : `/fairs/${p.fair.id}`}?src=${encodeURIComponent(p.src)}`

/** A printable A4 poster for the village notice board: title, time, one big QR code. */
export function Poster(props: { of: PosterOf; onClose: () => void }) {
  const link = () => posterLink(props.of)
  // The QR library comes with this page only, when a poster is first asked for.
  const [qr] = createResource(link, async (url) => (await import('qrcode')).toDataURL(url, { width: 640, margin: 2, errorCorrectionLevel: 'M' }))
  const title = () => (props.of.kind === 'stream' ? props.of.stream.title : props.of.fair.title)
  return (
    <section class="poster" aria-label={pt('st.poster')} data-link={link()}>
      <h2>{title()}</h2>
      <Show when={props.of.kind === 'stream' && props.of}>
        {(p) => (
          <>
            <p class="poster-company">{(p() as Extract<PosterOf, { kind: 'stream' }>).stream.company?.name}</p>
            <p class="poster-jobs">{pt('st.posterAt', { time: formatWhen((p() as Extract<PosterOf, { kind: 'stream' }>).stream.scheduledAt) })}</p>
          </>
        )}
      </Show>
      <Show when={qr()}>{(src) => <img src={src()} alt={link()} width="320" height="320" />}</Show>
      <p class="poster-scan">{pt('st.posterScan')}</p>
      <p>{pt('st.posterFrom', { name: props.of.station })}</p>
      <p class="no-print actions">
        <button type="button" class="primary" onClick={() => window.print()}>
          {pt('st.print')}
        </button>{' '}
        <button type="button" onClick={() => props.onClose()}>
          {pt('st.closePoster')}
        </button>
      </p>
    </section>
  )
}
