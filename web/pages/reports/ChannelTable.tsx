import { For, Show } from 'solid-js'
import type { StreamStats } from '../../lib/queries/reports.ts'
import { rt } from '../../lib/report-words.ts'
import { BreakdownTable, NumCell } from './BreakdownTable.tsx'

export type ChannelRow = StreamStats['channels'][number]

/** 「服务站：平店乡服务站」「海报」「直接打开」: what a channel (?src=) means, in the organizer's words. */
export function channelName(r: ChannelRow): string {
  if (r.src.startsWith('st-')) return rt('ch.station', { name: r.name ?? r.src.slice(3) })
  if (r.src.startsWith('rc-')) return rt('ch.recruiter', { name: r.name ?? r.src.slice(3) })
  const known = { direct: 'ch.direct', other: 'ch.other', org: 'ch.org', screen: 'ch.screen', poster: 'ch.poster', viewer: 'ch.viewer' } as const
  return r.src in known ? rt(known[r.src as keyof typeof known]) : r.src
}

/** Entries, views, applications and reservations by the share link people came through (docs/counting.md). */
export function ChannelTable(props: { rows: ChannelRow[] }) {
  return (
    <section class="panel" aria-labelledby="by-channel-title" data-section="by-channel">
      <h2 id="by-channel-title">{rt('ch.title')}</h2>
      <p class="muted">{rt('ch.hint')}</p>
      <Show when={props.rows.length} fallback={<p class="empty">{rt('ch.none')}</p>}>
        <BreakdownTable class="channels-table" numFrom={1} head={[rt('ch.col'), rt('m.entries'), rt('m.views'), rt('m.applications'), rt('ch.reservations')]}>
          <For each={props.rows}>
            {(r) => (
              <tr data-channel={r.src}>
                <th scope="row">{channelName(r)}</th>
                <NumCell k="entries" label={rt('m.entries')} v={r.entries} />
                <NumCell k="views" label={rt('m.views')} v={r.views} />
                <NumCell k="applications" label={rt('m.applications')} v={r.applications} />
                <NumCell k="reservations" label={rt('ch.reservations')} v={r.reservations} />
              </tr>
            )}
          </For>
        </BreakdownTable>
      </Show>
    </section>
  )
}
