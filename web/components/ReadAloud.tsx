import { Show, onCleanup } from 'solid-js'
import type { Job } from '../lib/api.ts'
import { t } from '../lib/i18n.ts'
import { readProblem, reading, toggleReading } from '../lib/read-aloud.ts'

/** 「读给我听」 on a job card; tapped again, it stops. A phone that cannot speak gets a plain sentence. */
export function ReadAloud(props: { job: Job }) {
  const on = () => reading() === props.job.id
  // Leaving the room (or the card going away) ends the reading: no voice from a page no longer shown.
  onCleanup(() => on() && toggleReading(props.job))
  const why = () => {
    const p = readProblem()
    return p?.jobId === props.job.id ? p.why : null
  }
  // No wrapper: in the room the button sits at the end of the card's title line (a card no taller).
  return (
    <>
      <button type="button" class="read-button" aria-pressed={on()} onClick={() => toggleReading(props.job)}>
        <span aria-hidden="true">{on() ? '■ ' : '▶ '}</span>
        {on() ? t('read.stop') : t('read.start')}
      </button>
      <Show when={why()}>{(w) => <p class="read-problem" role="status">{t(`read.${w()}`)}</p>}</Show>
    </>
  )
}
