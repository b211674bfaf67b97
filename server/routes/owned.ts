import type { Context } from 'hono'
import type { AppEnv } from '../context.ts'
import { ApiError, notFound } from '../errors.ts'
import { companyOf } from '../middleware/roles.ts'
import { getJob } from '../store/jobs.ts'
import { getStream } from '../store/streams.ts'
import type { Job, Stream } from '../store/types.ts'

// Resources named by :id that must belong to the signed-in recruiter's company
// (use after requireApprovedRecruiter).

export async function ownStream(c: Context<AppEnv>): Promise<Stream> {
  const stream = await getStream(c.get('deps').redis, c.req.param('id') ?? '')
  if (!stream) throw notFound('Stream')
  if (stream.companyId !== companyOf(c)) throw new ApiError('FORBIDDEN', 'This stream belongs to another company')
  return stream
}

export async function ownJob(c: Context<AppEnv>): Promise<Job> {
  const job = await getJob(c.get('deps').redis, c.req.param('id') ?? '')
  if (!job) throw notFound('Job')
  if (job.companyId !== companyOf(c)) throw new ApiError('FORBIDDEN', 'This job belongs to another company')
  return job
}
