// Every process a cluster test starts is killed when the test process exits, however it exits:
// a failed beforeAll or a killed vitest must not leave Redis, nginx or node running.
import type { ChildProcess } from 'node:child_process'

const children = new Set<ChildProcess>()
let hooked = false

export function killOnExit(proc: ChildProcess) {
  children.add(proc)
  proc.once('exit', () => children.delete(proc))
  if (hooked) return
  hooked = true
  process.once('exit', () => {
    for (const c of children) c.kill('SIGKILL')
  })
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
export function stopProcess(proc: ChildProcess, graceMs = 5000): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const force = setTimeout(() => proc.kill('SIGKILL'), graceMs)
    proc.once('exit', () => {
      clearTimeout(force)
      resolve()
    })
    proc.kill('SIGTERM')
  })
}
