import { Match, Show, Switch, createEffect, createMemo, createSignal, on, onCleanup } from 'solid-js'
import { asFailure, type StreamStatus } from '../../lib/api.ts'
import { joinToken } from '../../lib/queries/streams.ts'
import { audioOnly, setAudioOnly } from '../../lib/audio-only.ts'
import { formatWhen } from '../../lib/format.ts'
import { ReserveButton } from '../../components/ReserveButton.tsx'
import { t } from '../../lib/i18n.ts'
import { viewerId } from '../../lib/ids.ts'
import type { VideoPhase, Watching } from '../../lib/room/viewer.ts'

export type Phase = VideoPhase | 'idle'

/** livekit-client arrives with this chunk; a weak network may need a few tries. */
async function loadViewer(tries = 4): Promise<typeof import('../../lib/room/viewer.ts')> {
  for (let i = 0; ; i++) {
    try {
      return await import('../../lib/room/viewer.ts')
    } catch (e) {
      if (i >= tries) throw e
      await new Promise((r) => setTimeout(r, 1500 * 2 ** i))
    }
  }
}

/**
 * The video, filling its box: a phone's vertical picture fills the screen, a landscape one
 * letterboxes. Over it, one plain sentence for every state that is not "playing".
 */
export function Stage(props: {
  streamId: string
  /** LiveKit is configured on this server (GET /api/streams/:id `video`); false: no token is asked for. */
  video: boolean
  status: StreamStatus
  scheduledAt: string
  /** The stream's title, for the 预约直播 consent before the start. */
  title?: string
  onMetadata: (state: unknown) => void
  onPhase?: (phase: Phase) => void
}) {
  const [phase, setPhase] = createSignal<Phase>('idle')
  createEffect(() => props.onPhase?.(phase()))
  const [muted, setMuted] = createSignal(false)
  const [portrait, setPortrait] = createSignal(true)
  let video!: HTMLVideoElement
  let audio!: HTMLAudioElement
  let session: Watching | null = null
  let generation = 0

  const isDisabled = (e: unknown) => asFailure(e).code === 'LIVEKIT_DISABLED' && !asFailure(e).retryAfter
  const fetchToken = () => joinToken(props.streamId, viewerId())

  async function start() {
    const mine = ++generation
    // No video on this server: say so at once, without a token request the server must refuse.
    if (!props.video) return void setPhase('disabled')
    setPhase('connecting')
    // Ask for a token before loading livekit-client: a server without LiveKit costs no download.
    let first: Awaited<ReturnType<typeof fetchToken>> | null = null
    try {
      first = await fetchToken()
    } catch (e) {
      if (isDisabled(e)) return void (mine === generation && setPhase('disabled'))
    }
    let mod: Awaited<ReturnType<typeof loadViewer>>
    try {
      mod = await loadViewer()
    } catch {
      if (mine === generation) setPhase('failed')
      return
    }
    if (mine !== generation) return
    session = mod.watchRoom({
      video,
      audio,
      // The first join uses the token fetched above; every reconnect asks for a fresh one.
      token: async () => {
        const t = first
        first = null
        return t ?? fetchToken()
      },
      isDisabled,
      audioOnly: audioOnly(),
      onPhase: (p) => mine === generation && setPhase(p),
      onMetadata: (json) => {
        try {
          props.onMetadata(JSON.parse(json))
        } catch {}
      },
      onAudioBlocked: setMuted,
    })
  }

  function stop() {
    generation++
    session?.stop()
    session = null
    setPhase('idle')
  }

  // A memo, so only a real change of "live or not" (not every overlay update) (re)starts the video.
  const isLive = createMemo(() => props.status === 'live')
  createEffect(on(isLive, (live) => (live ? void start() : stop())))
  onCleanup(stop)

  // The switch takes effect in the running room: no reconnect, the sound keeps playing.
  createEffect(on(audioOnly, (on) => session?.setAudioOnly(on), { defer: true }))

  const fit = () => setPortrait(video.videoHeight >= video.videoWidth)
  const playing = () => props.status === 'live' && phase() === 'playing'
  // Kept in the layout (only transparent) so adaptiveStream sees the element's real size.
  const shown = () => props.status === 'live' && (phase() === 'playing' || phase() === 'reconnecting')

  return (
    <div class="stage" aria-label={t('stage.video')} data-phase={phase()}>
      <video ref={video} autoplay playsinline muted classList={{ portrait: portrait(), idle: !shown() || audioOnly() }} onResize={fit} onLoadedMetadata={fit} />
      {/* No autoplay attribute: livekit-client calls play() itself and learns when sound is blocked. */}
      <audio ref={audio} />
      <Show when={!playing()}>
        <div class="stage-msg" classList={{ over: shown() }} role="status">
          <Switch>
            <Match when={props.status === 'scheduled'}>
              <p class="stage-big">{t('stage.scheduled')}</p>
              <p>{t('stage.startsAt', { when: formatWhen(props.scheduledAt) })}</p>
              {/* before the hint: on a small phone the job card covers the lower half of the stage */}
              <ReserveButton streamId={props.streamId} title={props.title ?? ''} class="on-stage" />
              <p class="stage-hint">{t('stage.scheduledHint')}</p>
            </Match>
            <Match when={props.status === 'ended'}>
              <p class="stage-big">{t('stage.ended')}</p>
              <p class="stage-hint">{t('stage.endedHint')}</p>
            </Match>
            <Match when={phase() === 'disabled'}>
              <p class="stage-big">{t('stage.disabled')}</p>
              <p class="stage-hint">{t('stage.disabledHint')}</p>
            </Match>
            <Match when={phase() === 'failed'}>
              <p class="stage-big">{t('stage.failed')}</p>
              <p class="stage-hint">{t('stage.disabledHint')}</p>
              <button type="button" onClick={() => session?.retry()}>
                {t('stage.retry')}
              </button>
            </Match>
            <Match when={phase() === 'waiting'}>
              <p class="stage-big">{t('stage.waiting')}</p>
            </Match>
            <Match when={phase() === 'reconnecting'}>
              <p class="stage-big">{t('stage.reconnecting')}</p>
            </Match>
            <Match when={true}>
              <p class="stage-big">
                <span class="spinner" aria-hidden="true" />
                {t('stage.connecting')}
              </p>
            </Match>
          </Switch>
        </div>
      </Show>
      <Show when={playing() && audioOnly()}>
        <div class="stage-msg" role="status">
          <p class="stage-big">🎧 {t('stage.audioOnlyOn')}</p>
          <p class="stage-hint">{t('stage.audioOnlyHint')}</p>
        </div>
      </Show>
      <Show when={props.status === 'live' && phase() !== 'disabled' && phase() !== 'idle'}>
        <div class="stage-tools">
          <Show when={playing() && muted()}>
            <button type="button" class="unmute" onClick={() => void session?.startAudio()}>
              🔇 {t('stage.unmute')}
            </button>
          </Show>
          <button type="button" class="audio-only" role="switch" aria-checked={audioOnly()} onClick={() => setAudioOnly(!audioOnly())}>
            {t('stage.audioOnly')}
          </button>
        </div>
      </Show>
    </div>
  )
}
