import { hc, type ClientResponse, type InferResponseType } from 'hono/client'
import type { AppType } from '../../server/app.ts'

export type { Company, Fair, Job, PayUnit, Role, Stream, StreamStatus, User, UserStatus } from '../../server/store/types.ts'

/** The typed client; this module is the only place the web app talks HTTP. */
export const api = hc<AppType>('/').api

export type StreamRow = InferResponseType<typeof api.streams.$get, 200>['items'][number]
export type Me = InferResponseType<typeof api.me.$get, 200>
export type RecruiterRow = InferResponseType<typeof api.admin.recruiters.$get, 200>['items'][number]
export type StreamDetail = InferResponseType<(typeof api.streams)[':id']['$get'], 200>
export type FairDetail = InferResponseType<(typeof api.fairs)[':id']['$get'], 200>
export type OverlayState = InferResponseType<(typeof api.streams)[':id']['live']['$get'], 200>
export type Applicant = InferResponseType<(typeof api.streams)[':id']['applications']['$get'], 200>['items'][number]
export type ApplicantStatus = Applicant['status']
export type ApplyBody = Parameters<(typeof api.streams)[':id']['applications']['$post']>[0]['json']
export type JoinToken = InferResponseType<(typeof api.streams)[':id']['token']['$post'], 200>
export type Page<T> = { items: T[]; next: string | null }

/** One field-level problem from the server's `details`, path joined with dots; `rule` names why (schemas/rules.ts). */
export type FieldProblem = { path: string; message: string; code?: string; rule?: string }

export class ApiFailure extends Error {
  status: number
  code: string
  details: FieldProblem[]
  retryAfter: number | null
  constructor(status: number, code: string, message: string, details: FieldProblem[] = [], retryAfter: number | null = null) {
    super(message)
    this.name = 'ApiFailure'
    this.status = status
    this.code = code
    this.details = details
    this.retryAfter = retryAfter
  }
}

/** The success body of an hc endpoint. */
export type InferOk<E extends (...a: never[]) => unknown> = OkBody<Awaited<ReturnType<E>>>
type OkBody<R> = R extends ClientResponse<infer T, infer S, infer _F> ? (S extends 200 | 201 | 202 | 204 ? T : never) : never

/** Awaits an hc request: the success body, or throws ApiFailure (status 0 = network). */
export async function call<R extends ClientResponse<unknown, number, string>>(req: Promise<R>): Promise<OkBody<R>> {
  let res: Response
  try {
    res = (await req) as unknown as Response
  } catch (e) {
    throw new ApiFailure(0, 'NETWORK', e instanceof Error ? e.message : String(e))
  }
  if (res.ok) return (res.status === 204 ? undefined : await res.json()) as OkBody<R>
  let body: { error?: { code?: string; message?: string; details?: unknown } } | null = null
  try {
    body = await res.json()
  } catch {}
  const err = body?.error
  const code = err?.code ?? (res.status >= 500 ? 'INTERNAL' : 'UNKNOWN')
  const retry = Number(res.headers.get('Retry-After'))
  return Promise.reject(new ApiFailure(res.status, code, err?.message ?? res.statusText, problems(err?.details), retry > 0 ? retry : null))
}

function problems(details: unknown): FieldProblem[] {
  if (!Array.isArray(details)) return []
  return details.map((d) => ({
    path: fieldPath(Array.isArray(d?.path) ? d.path : []),
    message: String(d?.message ?? ''),
    ...(typeof d?.code === 'string' ? { code: d.code } : {}),
    ...(typeof d?.rule === 'string' ? { rule: d.rule } : {}),
  }))
}

/** ['pay','min'] → 'pay.min'; array positions are dropped: ['jobIds','0'] → 'jobIds'. */
export const fieldPath = (path: unknown[]) =>
  path
    .map(String)
    .filter((p) => !/^\d+$/.test(p))
    .join('.')

/** First problem per field, keyed by dotted path ('' = the whole form). */
export function fieldsOf(failure: ApiFailure): Record<string, FieldProblem> {
  const out: Record<string, FieldProblem> = {}
  for (const p of failure.details) if (!(p.path in out)) out[p.path] = p
  return out
}

export const asFailure = (e: unknown): ApiFailure =>
  e instanceof ApiFailure ? e : new ApiFailure(0, 'CLIENT', e instanceof Error ? e.message : String(e))

/** Where the browser opens the overlay's SSE stream (EventSource cannot go through hc). */
export const overlayEventsPath = (id: string) => api.streams[':id'].live.events.$path({ param: { id } })

/** A plain link: the applicants as CSV (UTF-8 with BOM, opens in Excel). */
export const applicationsCsvPath = (id: string) => api.streams[':id']['applications.csv'].$path({ param: { id } })

/** GET /live with the last ETag: the new state and its ETag, or null when unchanged (304). */
export async function pollOverlay(id: string, etag: string | null): Promise<{ state: OverlayState; etag: string | null } | null> {
  const req = api.streams[':id'].live.$get({ param: { id } }, { headers: etag ? { 'If-None-Match': etag } : {} })
  let res: Response
  try {
    res = (await req) as unknown as Response
  } catch (e) {
    throw new ApiFailure(0, 'NETWORK', e instanceof Error ? e.message : String(e))
  }
  if (res.status === 304) return null
  const state = await call(Promise.resolve(res as unknown as Awaited<typeof req>))
  return { state, etag: res.headers.get('ETag') }
}

/**
 * POST an application; the Idempotency-Key makes a retry return the same application. A request
 * that hangs (a dead connection on a weak network) is given up after `timeoutMs`, as a network
 * failure, so the caller retries it instead of waiting forever.
 */
export async function postApplication(streamId: string, key: string, json: ApplyBody, timeoutMs = 12_000) {
  const abort = new AbortController()
  const timer = setTimeout(() => abort.abort(), timeoutMs)
  try {
    return await call(api.streams[':id'].applications.$post({ param: { id: streamId }, json }, { headers: { 'Idempotency-Key': key }, init: { signal: abort.signal } }))
  } finally {
    clearTimeout(timer)
  }
}
