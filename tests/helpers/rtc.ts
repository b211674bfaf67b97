import { Room, RoomEvent, TrackKind, VideoStream, type RemoteTrack } from '@livekit/rtc-node'

// Real LiveKit participants for tests (@livekit/rtc-node): join with a token from our API,
// count the video frames that actually crossed the server. Publishing lives in
// server/demo/broadcaster.ts (the demo uses the same code).

export type Watcher = {
  room: Room
  /** Video frames decoded so far, over every subscribed video track. */
  frames(): number
  metadata(): string | undefined
  /** Every room metadata value seen, in order. */
  metadataSeen: string[]
  leave(): Promise<void>
}

/** Joins as a subscriber and counts decoded video frames as they arrive. */
export async function watch(url: string, token: string): Promise<Watcher> {
  const room = new Room()
  let frames = 0
  const metadataSeen: string[] = []
  const readers: ReadableStreamDefaultReader<unknown>[] = []
  room.on(RoomEvent.TrackSubscribed, (track: RemoteTrack) => {
    if (track.kind !== TrackKind.KIND_VIDEO) return
    const reader = new VideoStream(track).getReader()
    readers.push(reader)
    void (async () => {
      for (;;) {
        const { done } = await reader.read().catch(() => ({ done: true }))
        if (done) return
        frames++
      }
    })()
  })
  room.on(RoomEvent.RoomMetadataChanged, (m: string) => metadataSeen.push(m))
  await room.connect(url, token, { autoSubscribe: true, dynacast: true })
  if (room.metadata) metadataSeen.push(room.metadata)
  return {
    room,
    frames: () => frames,
    metadata: () => room.metadata,
    metadataSeen,
    async leave() {
      for (const r of readers) await r.cancel().catch(() => {})
      // A room whose server was killed may never answer the goodbye: do not wait for it long.
      await Promise.race([room.disconnect().catch(() => {}), new Promise((r) => setTimeout(r, 3000))])
    },
  }
}
