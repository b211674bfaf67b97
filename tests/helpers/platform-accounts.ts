import { cookieFrom, inHours, validJob } from './app.ts'
import { TEST_ORGANIZER } from './server.ts'

// Accounts and a live stream on a real platform (tests/helpers/server.ts), over HTTP.

export async function post(base: string, path: string, body: unknown, cookie?: string) {
  const res = await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) })
  return { status: res.status, json: (await res.json()) as any, cookie: cookieFrom(res.headers) }
}

export const organizerCookie = async (base: string) => (await post(base, '/api/auth/login', TEST_ORGANIZER)).cookie

/** A registered, approved and signed-in recruiter. */
export async function approvedRecruiter(base: string, email: string) {
  const reg = await post(base, '/api/auth/register', { email, password: 'password-1', name: '王', companyName: '恒达制衣' })
  await post(base, `/api/admin/recruiters/${reg.json.user.id}/approve`, {}, await organizerCookie(base))
  return (await post(base, '/api/auth/login', { email, password: 'password-1' })).cookie
}

/** A started stream of `hr`'s company with one job. */
export async function liveStream(base: string, hr: string) {
  const jobId = (await post(base, '/api/jobs', validJob(), hr)).json.job.id as string
  const streamId = (await post(base, '/api/streams', { title: '直播', scheduledAt: inHours(1), jobIds: [jobId] }, hr)).json.stream.id as string
  await post(base, `/api/streams/${streamId}/start`, {}, hr)
  return { streamId, jobId }
}
