// Bench section: stream listing from sorted-set indexes vs loading everything.
import { Redis } from 'ioredis'
import { startRedis } from '../helpers/redis.ts'
import { keys } from '../../server/store/keys.ts'
import { listStreams, createStream, getStreams } from '../../server/store/streams.ts'
import type { Stream } from '../../server/store/types.ts'

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

export async function time(fn: () => Promise<unknown>, reps: number) {
  const t0 = performance.now()
  for (let i = 0; i < reps; i++) await fn()
  return (performance.now() - t0) / reps
}

export async function compare(name: string, candidate: () => Promise<unknown>, baseline: () => Promise<unknown>, reps: number, rounds = 7) {
  const c: number[] = []
  const b: number[] = []
  for (let r = 0; r < rounds; r++) {
    b.push(await time(baseline, reps))
    c.push(await time(candidate, reps))
  }
  const mc = median(c)
  const mb = median(b)
  console.log(`${name.padEnd(46)} ${mc.toFixed(3).padStart(9)} ms   baseline ${mb.toFixed(3).padStart(9)} ms   ${(mb / mc).toFixed(1)}× faster`)
}

export async function benchListing() {
  const server = await startRedis()
  const redis = new Redis(server.url, { disableClientInfo: true })
  try {
    const N = 10_000
    const companies = 200
    const base = Date.now() + 3600_000
    console.log(`seeding ${N} scheduled streams over ${companies} companies…`)
    for (let i = 0; i < N; i += 500) {
      await Promise.all(
        Array.from({ length: Math.min(500, N - i) }, (_, j) =>
          createStream(redis, `C${(i + j) % companies}`, { title: `直播 ${i + j}`, scheduledAt: new Date(base + ((i + j) * 7919) % N * 60_000).toISOString(), jobIds: ['J1', 'J2'], fairId: null }),
        ),
      )
    }

    // Baseline: what a store without sorted-set indexes does — load every stream, filter, sort.
    const naiveHome = async () => {
      const ids = await redis.zrange(keys.streams('scheduled'), '0', '-1')
      const all: Stream[] = await getStreams(redis, ids)
      return all.filter((s) => s.status === 'scheduled').sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt)).slice(0, 20)
    }
    const indexedHome = () => listStreams(redis, { status: 'scheduled' }, 20)
    const first = await indexedHome()
    const naive = await naiveHome()
    if (first.items.map((s) => s.id).join() !== naive.map((s) => s.id).join()) throw new Error('indexed and naive pages differ')
    await compare('home page: first 20 upcoming of 10k', indexedHome, naiveHome, 5)

    const deep = (await listStreams(redis, { status: 'scheduled' }, 100)).next!
    await compare('company page: 20 of one company (50 streams)', () => listStreams(redis, { companyId: 'C7' }, 20), async () => (await getStreams(redis, await redis.zrange(keys.streams('scheduled'), '0', '-1'))).filter((s) => s.companyId === 'C7').slice(0, 20), 3)
    await compare('next page by cursor (after 100)', () => listStreams(redis, { status: 'scheduled' }, 20, deep), naiveHome, 5)
  } finally {
    redis.disconnect()
    await server.stop()
  }
}
