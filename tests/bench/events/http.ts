// The load generator's HTTP client: keep-alive HTTP/1.1 over raw `net` sockets, one request in
// flight per connection. Far lighter than node:http or fetch (a few µs per request instead of
// hundreds), so on this 2-core machine the generator leaves the cores to the system under test.
import { connect, type Socket } from 'node:net'

export type Reply = { status: number; body: string; ms: number }

type Conn = { sock: Socket; dead: boolean; reused: boolean; buf: Buffer; done: ((r: { status: number; body: string } | Error) => void) | null }

const HEADER_END = Buffer.from('\r\n\r\n')

class StaleConnection extends Error {}

export function client(port: number, sockets: number) {
  const idle: Conn[] = []
  const waiting: ((c: Conn) => void)[] = []
  let open = 0
  let closed = false

  function dial(): Conn {
    const sock = connect({ host: '127.0.0.1', port, noDelay: true })
    const c: Conn = { sock, dead: false, reused: false, buf: Buffer.alloc(0), done: null }
    open++
    sock.on('data', (chunk: Buffer) => {
      c.buf = c.buf.length ? Buffer.concat([c.buf, chunk]) : chunk
      parse(c)
    })
    const fail = (err: Error) => {
      if (c.dead) return
      c.dead = true
      open--
      const d = c.done
      c.done = null
      d?.(err)
      const i = idle.indexOf(c)
      if (i >= 0) idle.splice(i, 1)
      if (!closed && waiting.length) waiting.shift()!(dial()) // replace it for whoever waits
    }
    sock.on('error', fail)
    sock.on('close', () => fail(new Error('connection closed')))
    return c
  }

  /** One complete response in c.buf → resolve it; handles Content-Length and chunked bodies. */
  function parse(c: Conn) {
    const end = c.buf.indexOf(HEADER_END)
    if (end < 0 || !c.done) return
    const head = c.buf.toString('latin1', 0, end)
    const status = Number(head.slice(9, 12))
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head)
    let body: string
    let used: number
    if (length) {
      used = end + 4 + Number(length[1])
      if (c.buf.length < used) return
      body = c.buf.toString('utf8', end + 4, used)
    } else if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) {
      const last = c.buf.indexOf('0\r\n\r\n', end + 4)
      if (last < 0) return
      used = last + 5
      body = c.buf.toString('utf8', end + 4, last).replace(/(^|\r\n)[0-9a-f]+\r\n/gi, '')
    } else {
      used = end + 4
      body = ''
    }
    c.buf = c.buf.subarray(used)
    const d = c.done
    c.done = null
    d({ status, body })
  }

  function acquire(): Promise<Conn> {
    const c = idle.pop()
    if (c) return Promise.resolve(c)
    if (open < sockets) return Promise.resolve(dial())
    return new Promise((r) => waiting.push(r))
  }
  function release(c: Conn) {
    if (c.dead) return
    c.reused = true
    if (closed) return void c.sock.destroy()
    const w = waiting.shift()
    if (w) w(c)
    else idle.push(c)
  }

  async function post(path: string, body: string, headers: Record<string, string> = {}, timeoutMs = 10_000): Promise<Reply> {
    const t0 = performance.now()
    try {
      return { ...(await send(path, body, headers, timeoutMs)), ms: performance.now() - t0 }
    } catch (err) {
      // The server closed an idle keep-alive connection as we wrote on it: like a browser,
      // send again on a fresh one (nothing of the request was answered).
      if (!(err instanceof StaleConnection)) throw err
      return { ...(await send(path, body, headers, timeoutMs, true)), ms: performance.now() - t0 }
    }
  }

  async function send(path: string, body: string, headers: Record<string, string>, timeoutMs: number, fresh = false) {
    if (closed) throw new Error('client closed')
    const c = fresh ? dial() : await acquire()
    const payload = Buffer.from(body)
    let head = `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${payload.length}\r\n`
    for (const [k, v] of Object.entries(headers)) head += `${k}: ${v}\r\n`
    try {
      return await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const timer = setTimeout(() => {
          c.done = null
          c.sock.destroy()
          reject(new Error(`no answer within ${timeoutMs} ms`))
        }, timeoutMs)
        c.done = (r) => {
          clearTimeout(timer)
          if (r instanceof Error) reject(c.reused && c.buf.length === 0 ? new StaleConnection(r.message) : r)
          else resolve(r)
        }
        c.sock.write(Buffer.concat([Buffer.from(`${head}\r\n`, 'latin1'), payload]))
      })
    } finally {
      release(c)
    }
  }

  return {
    post,
    close() {
      closed = true
      for (const c of idle.splice(0)) c.sock.destroy()
    },
  }
}
