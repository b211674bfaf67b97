// An SSE viewer of a live room through the load balancer: keeps the last overlay state it was
// sent, and which API process (X-Upstream) holds its connection.
export type Viewer = { upstream: string; last(): any; states(): number; close(): void }

export async function openViewer(base: string, streamId: string): Promise<Viewer> {
  const abort = new AbortController()
  const res = await fetch(`${base}/api/streams/${streamId}/live/events`, { signal: abort.signal })
  if (res.status !== 200 || !res.body) throw new Error(`SSE: ${res.status} ${await res.text()}`)
  let last: any = null
  let count = 0
  let buf = ''
  const decoder = new TextDecoder()
  void (async () => {
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buf += decoder.decode(chunk, { stream: true })
        let end: number
        while ((end = buf.indexOf('\n\n')) >= 0) {
          const frame = buf.slice(0, end)
          buf = buf.slice(end + 2)
          const data = frame.split('\n').find((l) => l.startsWith('data: '))
          if (frame.includes('event: live') && data) {
            last = JSON.parse(data.slice(6))
            count++
          }
        }
      }
    } catch {} // closed
  })()
  return { upstream: res.headers.get('x-upstream') ?? '?', last: () => last, states: () => count, close: () => abort.abort() }
}
