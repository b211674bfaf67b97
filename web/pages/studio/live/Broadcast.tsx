import { Match, Show, Switch, createSignal, onMount } from 'solid-js'
import { asFailure } from '../../../lib/api.ts'
import { joinToken } from '../../../lib/queries/streams.ts'
import { codeMsg, show } from '../../../lib/errors.ts'
import { wt } from '../../../lib/staff-words.ts'
import { Tabs } from '../../../components/Tabs.tsx'
import { CameraBox } from './CameraBox.tsx'
import { ObsBox } from './ObsBox.tsx'

export type Video = 'checking' | 'ready' | 'disabled' | 'error'

/** Where the picture comes from: this browser's camera, or OBS through an ingress. */
export function Broadcast(props: { streamId: string; live: boolean }) {
  const [video, setVideo] = createSignal<Video>('checking')
  const [why, setWhy] = createSignal('')
  const [source, setSource] = createSignal<'browser' | 'obs'>('browser')
  const hostToken = () => joinToken(props.streamId)

  // Minting a token is cheap and tells us whether this server has LiveKit at all.
  onMount(async () => {
    try {
      await hostToken()
      setVideo('ready')
    } catch (e) {
      const f = asFailure(e)
      if (f.code === 'LIVEKIT_DISABLED' && !f.retryAfter) setVideo('disabled')
      else {
        setWhy(show(codeMsg(f)))
        setVideo('error')
      }
    }
  })

  return (
    <section class="panel source" aria-labelledby="source-title">
      <h2 id="source-title">{wt('live.source')}</h2>
      <Switch>
        <Match when={video() === 'checking'}>
          <p class="muted">{wt('live.lkChecking')}</p>
        </Match>
        <Match when={video() === 'disabled'}>
          <p class="notice warn" role="status">
            {wt('live.lkDisabled')}
          </p>
        </Match>
        <Match when={video() === 'error'}>
          <p class="notice warn" role="status">
            {wt('live.lkError', { why: why() })}
          </p>
        </Match>
      </Switch>
      <Show when={!props.live}>
        <p class="hint">{wt('live.notLive')}</p>
      </Show>
      <Tabs
        label={wt('live.source')}
        items={[
          { value: 'browser', label: wt('live.sourceBrowser') },
          { value: 'obs', label: wt('live.sourceObs') },
        ]}
        value={source()}
        onChange={setSource}
      />
      <Show when={source() === 'browser'} fallback={<ObsBox streamId={props.streamId} enabled={video() === 'ready'} />}>
        <CameraBox enabled={video() === 'ready'} token={hostToken} />
      </Show>
    </section>
  )
}
