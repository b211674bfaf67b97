import { fork, type ChildProcess } from 'node:child_process'
import { Redis } from 'ioredis'
import { startRedis } from '../helpers/redis.ts'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export type Child = {
  proc: ChildProcess
  exited(): boolean
  /** Sends {…msg, id} and resolves with the child's message carrying the same id. */
  call<T>(msg: Record<string, unknown>, timeoutMs: number): Promise<T>
  /** Resolves with the first message `pred` accepts (e.g. {type: 'ready'}). */
  waitFor<T>(pred: (m: any) => boolean, timeoutMs: number): Promise<T>
  /** Ask politely ({type: 'exit'}), then insist. */
  stop(graceMs?: number): Promise<void>
}

/** A bench process forked with tsx, talking request/response over IPC; every call bounded in time. */
export function forkChild(file: string, env: Record<string, string>, execArgv: string[] = []): Child {
  const proc = fork(file, [], { execArgv: ['--import', 'tsx', ...execArgv], env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  let exited = false
  let next = 1
  const pending = new Map<number, { resolve: (m: any) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>()
  const listeners: ((m: any) => void)[] = []
  proc.on('message', (m: any) => {
    const p = typeof m?.id === 'number' ? pending.get(m.id) : undefined
    if (p) {
      pending.delete(m.id)
      clearTimeout(p.timer)
      p.resolve(m)
    }
    for (const l of listeners) l(m)
  })
  proc.on('exit', (code, signal) => {
    exited = true
    for (const p of pending.values()) {
      clearTimeout(p.timer)
      p.reject(new Error(`${file} exited (${code ?? signal}) during a call`))
    }
    pending.clear()
  })
  return {
    proc,
    exited: () => exited,
    call<T>(msg: Record<string, unknown>, timeoutMs: number) {
      if (exited) return Promise.reject(new Error(`${file} has exited`))
      const id = next++
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id)
          reject(new Error(`no answer to ${String(msg.type)} within ${timeoutMs} ms`))
        }, timeoutMs)
        pending.set(id, { resolve, reject, timer })
        proc.send({ ...msg, id })
      })
    },
    waitFor<T>(pred: (m: any) => boolean, timeoutMs: number) {
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${file} not ready within ${timeoutMs} ms`)), timeoutMs)
        proc.once('exit', (code) => reject(new Error(`${file} exited (${code}) before it was ready`)))
        listeners.push((m) => {
          if (pred(m)) {
            clearTimeout(timer)
            resolve(m)
          }
        })
      })
    },
    async stop(graceMs = 3000) {
      if (exited) return
      const gone = new Promise((r) => proc.once('exit', r))
      try {
        proc.send({ type: 'exit', id: 0 })
      } catch {}
      await Promise.race([gone, sleep(graceMs)])
      if (!exited) proc.kill('SIGKILL')
      await Promise.race([gone, sleep(1000)])
    },
  }
}

/**
 * What a bench section stands on: its own redis-server, a connection to it, and the set of
 * children it forks — killed when the section closes, or when the bench process exits early.
 */
export async function benchRig() {
  const redisServer = await startRedis()
  const redis = new Redis(redisServer.url, { disableClientInfo: true })
  const children = new Set<Child>()
  const killAll = () => {
    for (const c of children) if (!c.exited()) c.proc.kill('SIGKILL')
  }
  process.once('exit', killAll)
  return {
    redisUrl: redisServer.url,
    redis,
    children,
    async close() {
      killAll()
      process.off('exit', killAll)
      redis.disconnect()
      await redisServer.stop()
    },
  }
}
