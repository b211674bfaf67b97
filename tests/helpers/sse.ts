import { request, type IncomingHttpHeaders } from 'node:http'

/**
 * A minimal SSE client over node:http (the live room's …/live/events): every `event:` with its
 * parsed data as it arrives, the response headers, and the raw text kept for "never sent" checks.
 */
export function openSse(url: string) {
  const events: { event: string; data: any }[] = []
  let raw = ''
  let all = ''
  let headers: IncomingHttpHeaders = {}
  const req = request(url, (res) => {
    headers = res.headers
    res.setEncoding('utf8')
    res.on('data', (chunk: string) => {
      raw += chunk
      all += chunk
      let idx
      while ((idx = raw.indexOf('\n\n')) >= 0) {
        const block = raw.slice(0, idx)
        raw = raw.slice(idx + 2)
        const name = block.split('\n').find((l) => l.startsWith('event: '))
        const data = block.split('\n').find((l) => l.startsWith('data: '))
        if (name && data) events.push({ event: name.slice(7), data: JSON.parse(data.slice(6)) })
      }
    })
  })
  req.end()
  /** The data of every `name` event so far, oldest first. */
  const of = (name: string): any[] => events.filter((e) => e.event === name).map((e) => e.data)
  return { of, all: () => all, headers: () => headers, close: () => req.destroy() }
}
