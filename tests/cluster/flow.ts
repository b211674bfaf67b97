// The HTTP steps every cluster test and the cluster bench start from: a recruiter registers and
// is approved, posts jobs, schedules a stream and starts it. Only the public API, through nginx.
import { client, expectStatus, type Client } from './http.ts'
import { ORGANIZER } from './platform.ts'

export type LiveStream = { owner: Client; organizer: Client; streamId: string; jobIds: string[] }

export async function liveStream(base: string, tag: string, jobs = 2): Promise<LiveStream> {
  const organizer = client(base)
  expectStatus('organizer login', await organizer.post('/api/auth/login', ORGANIZER), 200)
  const owner = client(base)
  const email = `hr-${tag}@cluster.local`
  const reg = expectStatus('register', await owner.post('/api/auth/register', { email, password: 'recruit-pass-1', name: '王经理', companyName: `集群测试公司 ${tag}` }), 201)
  expectStatus('approve', await organizer.post(`/api/admin/recruiters/${reg.user.id}/approve`), 200)
  expectStatus('login', await owner.post('/api/auth/login', { email, password: 'recruit-pass-1' }), 200)
  const jobIds: string[] = []
  for (let i = 0; i < jobs; i++) {
    const job = expectStatus('job', await owner.post('/api/jobs', { title: `普工 ${i}`, pay: { min: 4000, max: 6000, unit: 'month' }, headcount: 100_000, location: { town: '商水县平店乡' } }), 201)
    jobIds.push(job.job.id)
  }
  const stream = expectStatus('stream', await owner.post('/api/streams', { title: `集群直播 ${tag}`, scheduledAt: new Date().toISOString(), jobIds }), 201)
  const streamId: string = stream.stream.id
  expectStatus('start', await owner.post(`/api/streams/${streamId}/start`), 200)
  return { owner, organizer, streamId, jobIds }
}

/** A valid application; phone numbers differ by `n`. */
export const applicant = (jobId: string, n: number) => ({ jobId, name: '李娟', phone: `139${String(n).padStart(8, '0')}`, consent: true })
