import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

// A second webhook URL for livekit-server: keeps each real signed delivery (body and
// Authorization) so a test can replay it to the API, as LiveKit's own retries would.

export type Delivery = { body: string; authorization: string; event: string; room: string; id: string }

export async function webhookRecorder() {
  const deliveries: Delivery[] = []
  const server = createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      let parsed: any = {}
      try {
        parsed = JSON.parse(body)
      } catch {}
      deliveries.push({ body, authorization: req.headers.authorization ?? '', event: parsed.event ?? '', room: parsed.room?.name ?? '', id: parsed.id ?? '' })
      res.writeHead(200).end()
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    deliveries,
    find: (event: string, room: string) => deliveries.find((d) => d.event === event && d.room === room),
    close: () => new Promise<void>((r) => server.close(() => r())),
  }
}
