import { createSignal } from 'solid-js'

// 我的报名: what this device applied for, kept on the device (no account): each application's id
// and receipt (to ask the server how it is going), and what to call it without asking.

export type MyApplication = { id: string; receipt: string; streamId: string; jobId: string; job: string; company: string; at: number }

const KEY = 'zb.mine'
const MAX = 100

function read(): MyApplication[] {
  try {
    const list = JSON.parse(localStorage.getItem(KEY) ?? '[]') as MyApplication[]
    return Array.isArray(list) ? list.filter((a) => a && typeof a.id === 'string' && typeof a.receipt === 'string') : []
  } catch {
    return []
  }
}

const [mine, setMine] = createSignal<MyApplication[]>(read())
/** Newest first. */
export { mine }

/** Called when the server acknowledged an application (a retry of the same one replaces it). */
export function rememberMine(a: MyApplication) {
  const next = [a, ...read().filter((x) => x.id !== a.id)].slice(0, MAX)
  setMine(next)
  try {
    localStorage.setItem(KEY, JSON.stringify(next))
  } catch {}
}

/** This device's application for a job, if it holds one. */
export const mineFor = (jobId: string) => mine().find((a) => a.jobId === jobId)
