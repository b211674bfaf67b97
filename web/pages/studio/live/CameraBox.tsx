import { For, Match, Show, Switch, createSignal, onCleanup } from 'solid-js'
import { ApiFailure } from '../../../lib/api.ts'
import { codeMsg, show } from '../../../lib/errors.ts'
import { wt } from '../../../lib/staff-words.ts'
import type { Broadcast, BroadcastState, Camera, Devices } from '../../../lib/room/host.ts'
import { FormError } from '../../../components/FormError.tsx'

type Host = typeof import('../../../lib/room/host.ts')
let hostModule: Promise<Host> | null = null
const host = () => (hostModule ??= import('../../../lib/room/host.ts'))

function why(e: unknown): string {
  if (e instanceof ApiFailure) return show(codeMsg(e))
  const name = (e as { name?: string })?.name
  if (name === 'NotAllowedError') return wt('live.denied')
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return wt('live.noCamera')
  return e instanceof Error ? e.message : String(e)
}

/** Camera + microphone with a device picker and a local preview; publishes with the host token. */
export function CameraBox(props: { enabled: boolean; token: () => Promise<{ serverUrl: string; token: string }> }) {
  const [cam, setCam] = createSignal<Camera | null>(null)
  const [devices, setDevices] = createSignal<Devices>({ cameras: [], mics: [] })
  const [ids, setIds] = createSignal<{ camera?: string; mic?: string }>({})
  const [opening, setOpening] = createSignal(false)
  const [problem, setProblem] = createSignal('')
  const [air, setAir] = createSignal<BroadcastState>('stopped')
  let video!: HTMLVideoElement
  let session: Broadcast | null = null

  async function open() {
    setOpening(true)
    setProblem('')
    try {
      const h = await host()
      const c = await h.openCamera(ids())
      c.preview(video)
      setCam(c)
      setIds(c.deviceIds())
      setDevices(await h.listDevices())
    } catch (e) {
      setProblem(wt('live.cameraError', { why: why(e) }))
    } finally {
      setOpening(false)
    }
  }

  async function pick(kind: 'camera' | 'mic', deviceId: string) {
    setIds({ ...ids(), [kind]: deviceId })
    try {
      await cam()?.use(kind, deviceId)
    } catch (e) {
      setProblem(wt('live.cameraError', { why: why(e) }))
    }
  }

  async function start() {
    const c = cam()
    if (!c) return
    setProblem('')
    setAir('connecting')
    try {
      // The token getter, not one token: every rejoin after an outage asks for a fresh one.
      session = await (await host()).broadcast(c, props.token, setAir)
    } catch (e) {
      setAir('stopped')
      setProblem(wt('live.publishFailed', { why: why(e) }))
    }
  }

  async function stop() {
    const s = session
    session = null
    await s?.stop()
  }

  onCleanup(() => {
    void session?.stop()
    cam()?.close()
  })

  return (
    <div class="camera">
      <video ref={video} class="preview" classList={{ hidden: !cam() }} autoplay playsinline muted aria-label={wt('live.preview')} />
      <Show when={cam()} fallback={
        <button type="button" class="primary" disabled={opening()} onClick={open}>
          {opening() ? wt('studio.working') : wt('live.openCamera')}
        </button>
      }>
        <div class="pair-wide">
          <DevicePicker id="dev-camera" label={wt('live.camera')} list={devices().cameras} value={ids().camera} onPick={(id) => pick('camera', id)} />
          <DevicePicker id="dev-mic" label={wt('live.mic')} list={devices().mics} value={ids().mic} onPick={(id) => pick('mic', id)} />
        </div>
        <div class="actions">
          <Switch>
            <Match when={air() === 'stopped'}>
              <button type="button" class="primary" disabled={!props.enabled} onClick={start}>
                {wt('live.publish')}
              </button>
            </Match>
            <Match when={air() === 'connecting'}>
              <button type="button" class="primary" disabled aria-busy="true">
                {wt('live.connecting')}
              </button>
            </Match>
            <Match when={true}>
              <button type="button" class="danger" onClick={stop}>
                {wt('live.stopPublish')}
              </button>
            </Match>
          </Switch>
        </div>
        <Show when={air() === 'live' || air() === 'reconnecting'}>
          <p class="notice" classList={{ ok: air() === 'live', warn: air() === 'reconnecting' }} role="status">
            {air() === 'live' ? wt('live.publishing') : wt('live.reconnecting')}
          </p>
        </Show>
      </Show>
      <FormError message={problem()} />
    </div>
  )
}

function DevicePicker(props: { id: string; label: string; list: MediaDeviceInfo[]; value?: string; onPick: (id: string) => void }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select id={props.id} onChange={(e) => props.onPick(e.currentTarget.value)}>
        <For each={props.list}>
          {(d, i) => (
            <option value={d.deviceId} selected={d.deviceId === props.value}>
              {d.label || `${props.label} ${i() + 1}`}
            </option>
          )}
        </For>
      </select>
    </div>
  )
}
