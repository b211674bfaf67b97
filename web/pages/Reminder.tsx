import { A, useParams } from '@solidjs/router'
import { Match, Switch, createResource, createSignal } from 'solid-js'
import { formatWhen } from '../lib/format.ts'
import { loadReservationLink, unsubscribeReservation } from '../lib/queries/reservations.ts'
import { loadStream } from '../lib/queries/streams.ts'
import { rt } from '../lib/reserve-words.ts'

/**
 * /r/:code — the page an SMS reminder links to (lazy): the stream, 看直播, and 退订 (DELETE with
 * the code, which is the reservation's token). An unknown or mistyped code says so plainly.
 */
export default function Reminder() {
  const params = useParams<{ code: string }>()
  const [found] = createResource(
    () => params.code,
    async (code) => {
      const { reservation } = await loadReservationLink(code)
      const detail = await loadStream(reservation.streamId).catch(() => null)
      return { reservation, stream: detail?.stream ?? null }
    },
  )
  const [state, setState] = createSignal<'idle' | 'sending' | 'done' | 'failed'>('idle')
  const unsubscribed = () => state() === 'done' || found()?.reservation.status === 'unsubscribed'
  const unsubscribe = async () => {
    const r = found()?.reservation
    if (!r || state() === 'sending') return
    setState('sending')
    try {
      await unsubscribeReservation(r.id, params.code)
      setState('done')
    } catch {
      setState('failed')
    }
  }
  return (
    <main class="narrow">
      <h1>{rt('page.title')}</h1>
      <Switch>
        <Match when={found.loading}>
          <p class="muted">{rt('page.loading')}</p>
        </Match>
        <Match when={found.error || !found()}>
          <p role="alert">{rt('page.invalid')}</p>
          <A href="/" class="button">
            {rt('page.home')}
          </A>
        </Match>
        <Match when={found()}>
          {(f) => (
            <>
              <p>{rt('page.for', { phone: f().reservation.phone ?? '—' })}</p>
              <div class="card">
                <h2>{f().stream?.title}</h2>
                <p>{f().stream ? formatWhen(f().stream!.scheduledAt) : ''}</p>
              </div>
              <div class="actions">
                <A href={`/watch/${f().reservation.streamId}`} class="button primary">
                  {rt('page.watch')}
                </A>
                <Switch>
                  <Match when={unsubscribed()}>
                    <p role="status">{rt('page.unsubscribed')}</p>
                  </Match>
                  <Match when={true}>
                    <button type="button" onClick={unsubscribe} disabled={state() === 'sending'}>
                      {state() === 'sending' ? rt('page.unsubscribing') : rt('page.unsubscribe')}
                    </button>
                  </Match>
                </Switch>
              </div>
              <Switch>
                <Match when={state() === 'failed'}>
                  <p class="form-error" role="alert">
                    {rt('page.failed')}
                  </p>
                </Match>
              </Switch>
            </>
          )}
        </Match>
      </Switch>
    </main>
  )
}
