import { createSignal } from 'solid-js'
import { asFailure } from './api.ts'
import { codeMsg, type Msg } from './errors.ts'

/**
 * A button action on one row of a list (approve, close, start, an applicant's status…): which
 * row is busy, and what went wrong last time as a form-level message. Loading is web/lib/load.ts.
 */
export function createRowAction() {
  const [working, setWorking] = createSignal<string | null>(null)
  const [problem, setProblem] = createSignal<Msg | null>(null)
  return {
    problem,
    /** The row whose action is running. */
    working,
    /** True while the action on this row is running. */
    busy: (id: string) => working() === id,
    /** Resolves true when the task went through, false (with `problem` set) when it failed. */
    async run(id: string, task: () => Promise<unknown>): Promise<boolean> {
      setWorking(id)
      setProblem(null)
      try {
        await task()
        return true
      } catch (e) {
        setProblem(codeMsg(asFailure(e)))
        return false
      } finally {
        setWorking(null)
      }
    },
  }
}
