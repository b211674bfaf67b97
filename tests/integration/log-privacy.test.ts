import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { formatWithOptions } from 'node:util'
import { startTestApp, type TestApp } from '../helpers/app.ts'
import { keys } from '../../server/store/keys.ts'
import { errorForLog } from '../../server/lib/pii.ts'
import { Redis } from 'ioredis'
import { startServer } from '../helpers/server.ts'
import { createLogger } from '../../server/observability/logger.ts'
import { approvedRecruiter, liveStream, post } from '../helpers/platform-accounts.ts'

// Issue 9, item 2: logs never hold a full phone number or an applicant's name. An ioredis
// ReplyError carries the command's arguments (err.command.args); printing the error object
// printed them — the phone, the name and the whole record.

let t: TestApp
let owner: Awaited<ReturnType<TestApp['recruiter']>>
let streamId: string
let jobId: string

beforeAll(async () => {
  t = await startTestApp()
  owner = await t.recruiter()
  ;({ jobId, streamId } = await t.streamWithJob(owner))
})
afterAll(() => t.stop())

/** Everything written to the console or to stdout/stderr while `fn` runs, as it would print. */
async function captureOutput(fn: () => Promise<unknown>): Promise<string> {
  const out: string[] = []
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const
  const consoleBefore = methods.map((m) => console[m])
  const writeBefore = [process.stdout.write, process.stderr.write] as const
  for (const m of methods) console[m] = (...args: unknown[]) => void out.push(formatWithOptions({ colors: false, depth: 8 }, ...args))
  for (const stream of [process.stdout, process.stderr]) {
    stream.write = ((chunk: string | Uint8Array) => (out.push(String(chunk)), true)) as typeof stream.write
  }
  try {
    await fn()
  } finally {
    methods.forEach((m, i) => (console[m] = consoleBefore[i]!))
    process.stdout.write = writeBefore[0]
    process.stderr.write = writeBefore[1]
  }
  return out.join('\n')
}

afterEach(async () => {
  await t.redis.del(keys.jobPhones(jobId))
})

describe('the error log', () => {
  it('of an internal error whose Redis command held a phone and a name shows neither', async () => {
    // A key of the wrong type makes the apply script fail inside Redis: a ReplyError whose
    // command arguments are the application (phone, name, note).
    await t.redis.set(keys.jobPhones(jobId), 'not a hash')
    let res: Awaited<ReturnType<TestApp['call']>> | undefined
    const log = await captureOutput(async () => {
      res = await t.call('POST', `/api/streams/${streamId}/applications`, { body: { jobId, name: '欧阳娜娜', phone: '13812345678', consent: true, note: '电话 13987654321' } })
    })
    expect(res!.status).toBe(500)
    expect(log).toContain(res!.json.error.requestId)
    expect(log).toMatch(/ReplyError|WRONGTYPE/)
    for (const secret of ['13812345678', '13987654321', '欧阳娜娜', '欧阳']) expect(log).not.toContain(secret)
  })
})

describe("the real platform's JSON log (pino)", () => {
  const lines: string[] = []
  let server: Awaited<ReturnType<typeof startServer>>
  beforeAll(async () => {
    server = await startServer({ env: { LOG_LEVEL: 'info' }, logDestination: { write: (s: string) => void lines.push(s) } })
  })
  afterAll(() => server?.stop())
  const entries = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>)

  it('logs each request (request id, level, route, status, duration) and an internal error, never the phone or the name', async () => {
    const { streamId, jobId } = await liveStream(server.url, await approvedRecruiter(server.url, 'log-hr@test.local'))
    const apply = (phone: string) =>
      fetch(`${server.url}/api/streams/${streamId}/applications`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jobId, name: '欧阳娜娜', phone, consent: true, note: '电话 13987654321' }),
      })
    const created = await apply('13812345678')
    expect(created.status).toBe(201)
    const createdId = created.headers.get('x-request-id')
    expect(createdId).toBeTruthy()
    // Forced: a key of the wrong type fails the apply script inside Redis (a ReplyError holding the application).
    const redis = new Redis(server.redisUrl)
    await redis.set(keys.jobPhones(jobId), 'not a hash')
    const failed = await apply('13700001234')
    expect(failed.status).toBe(500)
    const failedId = ((await failed.json()) as any).error.requestId as string
    await redis.del(keys.jobPhones(jobId))
    redis.disconnect()
    await fetch(`${server.url}/api/health`)

    const log = entries()
    expect(log.find((e) => e.reqId === createdId)).toMatchObject({ level: 'info', msg: 'request', method: 'POST', route: '/api/streams/:id/applications', status: 201, ms: expect.any(Number) })
    expect(log.find((e) => e.reqId === failedId && e.level === 'error')).toMatchObject({ msg: 'unhandled error', route: '/api/streams/:id/applications', error: expect.stringMatching(/ReplyError|WRONGTYPE/) })
    expect(log.find((e) => e.reqId === failedId && e.msg === 'request')).toMatchObject({ status: 500 })
    expect(log.some((e) => e.route === '/api/health')).toBe(false) // health checks: debug only
    const text = lines.join('')
    for (const secret of ['13812345678', '13700001234', '13987654321', '欧阳娜娜', '欧阳', streamId]) expect(text).not.toContain(secret)
  })
})

describe('createLogger', () => {
  it('redacts known fields and masks phone numbers and Han names in the message and in other fields', () => {
    const out: string[] = []
    const logger = createLogger('info', { write: (s: string) => void out.push(s) })
    logger.info({ phone: '13812345678', application: { name: '王小明', phone: '13812345678' }, detail: 'caller 139-8765-4321' }, 'applied: 王小明 13812345678')
    const entry = JSON.parse(out[0]!)
    expect(entry).toMatchObject({ level: 'info', phone: '[redacted]', application: { name: '[redacted]', phone: '[redacted]' }, detail: 'caller 139****4321', msg: 'applied: 王** 138****5678' })
  })
})

describe('errorForLog', () => {
  it('masks phone numbers and Han names in the message, keeps the stack frames, never the command args', () => {
    const err = Object.assign(new Error('bad 13812345678 and +86 139-8765-4321 for 王小明'), { command: { name: 'evalsha', args: ['13812345678', '王小明'] } })
    const line = errorForLog(err)
    expect(line).toMatch(/^Error: bad 138\*\*\*\*5678 and \+86 139\*\*\*\*4321 for 王\*\*/)
    expect(line).toContain('    at ')
    expect(line).not.toMatch(/13812345678|王小明|args/)
  })

  it('drops the input JSON.parse echoes in its message', () => {
    let err: unknown
    try {
      JSON.parse('Zhang Wei 13812345678') // Unexpected token 'Z', "Zhang Wei "... is not valid JSON
    } catch (e) {
      err = e
    }
    const line = errorForLog(err)
    expect(line).toMatch(/^SyntaxError: /)
    expect(line).not.toMatch(/Zhang|Wei|13812345678/)
  })

  it('describes what is not an Error without printing it', () => {
    expect(errorForLog({ phone: '13812345678' })).toBe('non-Error thrown: object')
  })
})
