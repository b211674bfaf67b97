// What a page's first load puts on the wire, as Chromium's network stack counts it (DevTools
// protocol): bytes per response, headers included, after content-encoding, before decoding.
import { until } from '../helpers/until.ts'
import type { Locator, Page } from 'playwright-core'

export type Loaded = { url: string; type: string; status: number; bytes: number; headers: Record<string, string> }

/**
 * Opens `url` in `page` (a fresh context: empty cache) and waits until `ready` shows and no
 * request is in flight. An EventSource never finishes by design, so it is left out; it is
 * still listed (bytes 0) so its headers can be checked.
 */
export async function firstLoad(page: Page, url: string, ready: (page: Page) => Locator) {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Network.enable')
  const sent = new Map<string, { url: string; type: string }>()
  const open = new Set<string>()
  const got = new Map<string, Loaded>()
  cdp.on('Network.requestWillBeSent', (e) => {
    sent.set(e.requestId, { url: e.request.url, type: e.type ?? 'Other' })
    if (e.type !== 'EventSource') open.add(e.requestId)
  })
  cdp.on('Network.responseReceived', (e) => {
    const headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]))
    got.set(e.requestId, { url: e.response.url, type: e.type, status: e.response.status, bytes: 0, headers })
  })
  cdp.on('Network.loadingFinished', (e) => {
    const r = got.get(e.requestId)
    if (r) r.bytes = e.encodedDataLength
    open.delete(e.requestId)
  })
  cdp.on('Network.loadingFailed', (e) => void open.delete(e.requestId))

  await page.goto(url)
  await ready(page).first().waitFor({ state: 'visible', timeout: 15_000 })
  await until(`no request in flight on ${url}`, () => open.size === 0)
  await cdp.detach()
  const responses = [...got.values()]
  return { responses, bytes: responses.reduce((n, r) => n + r.bytes, 0) }
}

/** "1234 B /assets/x.js br" lines, for a readable failure message and the log. */
export const table = (rs: Loaded[]) => rs.map((r) => `${String(r.bytes).padStart(6)} B ${new URL(r.url).pathname} ${r.headers['content-encoding'] ?? '-'}`).join('\n')
