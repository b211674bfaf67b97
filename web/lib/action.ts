import { createSignal } from 'solid-js'
import { asFailure } from './api.ts'
import { codeMsg, type Msg } from './errors.ts'

/**
 * A button action on one row of a list (approve, close, start…): which row is busy,
 * and what went wrong last time as a form-level message.
 */
export function createRowAction() {
  const [working, setWorking] = createSignal<string | null>(null)
  const [problem, setProblem] = createSignal<Msg | null>(null)
  return {
    problem,
    /** True while the action on this row is running. */
    busy: (id: string) => working() === id,
    async run(id: string, task: () => Promise<unknown>) {
      setWorking(id)
      setProblem(null)
      try {
        await task()
      } catch (e) {
        setProblem(codeMsg(asFailure(e)))
      } finally {
        setWorking(null)
      }
    },
  }
}
