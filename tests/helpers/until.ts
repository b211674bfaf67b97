/**
 * Polls `check` until it returns something other than undefined/false, or fails after `ms`
 * with `what` and the last value seen, so a test waits for a condition instead of sleeping.
 */
export async function until<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, ms = 15_000, every = 100): Promise<T> {
  const deadline = Date.now() + ms
  let last: unknown
  for (;;) {
    try {
      const got = await check()
      if (got !== undefined && got !== false) return got
      last = got
    } catch (err) {
      last = err
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`)
    await new Promise((r) => setTimeout(r, every))
  }
}
