import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

// LiveKit cannot be installed here, so LIVEKIT_URL points at a local listener that records
// what the browser's livekit-client sends (the WebSocket upgrade to /rtc… with access_token)
// and answers the server's Twirp calls (ingress, room metadata) the way LiveKit does.
export const LK_KEY = 'probe-key'
export const LK_SECRET = 'probe-secret-that-is-long-enough-0123456789'

export type Upgrade = { path: string; token: string | null }

export async function fakeLiveKit() {
  const upgrades: Upgrade[] = []
  const calls: string[] = []
  const ingresses: Record<string, unknown>[] = []
  const server: Server = createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://probe').pathname
      calls.push(path)
      let json: any = {}
      try {
        json = JSON.parse(body)
      } catch {}
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' })
        res.end(JSON.stringify(payload))
      }
      if (path === '/twirp/livekit.Ingress/ListIngress') return send(200, { items: ingresses })
      if (path === '/twirp/livekit.Ingress/CreateIngress') {
        const whip = json.inputType === 'WHIP_INPUT' || json.inputType === 1
        const info = { ingressId: `IN_${ingresses.length + 1}`, streamKey: `sk_probe_${ingresses.length + 1}`, url: whip ? 'https://probe.local/w' : 'rtmp://probe.local/x', inputType: json.inputType, roomName: json.roomName, participantIdentity: json.participantIdentity }
        ingresses.push(info)
        return send(200, info)
      }
      if (path === '/twirp/livekit.RoomService/UpdateRoomMetadata') return send(200, { name: json.room, metadata: json.metadata })
      // The client's follow-up check after a failed WebSocket (…/validate): say the token is bad.
      res.writeHead(401, { 'content-type': 'text/plain' })
      res.end('invalid token')
    })
  })
  server.on('upgrade', (req, socket) => {
    const url = new URL(req.url ?? '/', 'http://probe')
    upgrades.push({ path: url.pathname, token: url.searchParams.get('access_token') })
    socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n')
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return { port: (server.address() as AddressInfo).port, upgrades, calls, close: () => new Promise<void>((r) => server.close(() => r())) }
}
