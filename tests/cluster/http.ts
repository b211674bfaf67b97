// A signed-in (or anonymous) HTTP client for the platform behind the load balancer: fetch with
// the session cookie carried along. Answers are {status, body, upstream} and never throw on 4xx/5xx.
export type Answer<T = any> = { status: number; body: T; upstream: string | null }

export function client(base: string) {
  let cookie = ''
  async function call<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
    const res = await fetch(base + path, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(cookie ? { cookie } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const set = res.headers.get('set-cookie')
    if (set) cookie = set.split(';')[0]!
    const text = await res.text()
    let parsed: unknown = text
    try {
      parsed = JSON.parse(text)
    } catch {}
    return { status: res.status, body: parsed as T, upstream: res.headers.get('x-upstream') }
  }
  return {
    get: <T = any>(path: string) => call<T>('GET', path),
    post: <T = any>(path: string, body?: unknown, headers?: Record<string, string>) => call<T>('POST', path, body ?? {}, headers),
    patch: <T = any>(path: string, body: unknown) => call<T>('PATCH', path, body),
  }
}
export type Client = ReturnType<typeof client>

/** The answer's status, or an error naming what was asked and what came back (e.g. CROSSSLOT). */
export function expectStatus<T>(what: string, a: Answer<T>, ...ok: number[]): T {
  if (!ok.includes(a.status)) throw new Error(`${what}: ${a.status} ${JSON.stringify(a.body).slice(0, 400)}`)
  return a.body
}
