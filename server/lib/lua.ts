import { createHash } from 'node:crypto'
import type { Redis } from 'ioredis'

/**
 * The one way the platform runs Lua. Each script lives in its own `<name>.lua.ts` file beside
 * its caller (a module, so Node and the Workers bundle load it the same way) and names its
 * keys and arguments: the script reads them as `K.<name>` and `A.<name>`, callers pass
 * objects, and nobody counts positions.
 *
 * Called by SHA (EVALSHA), loaded on first use or after a Redis restart: sending the body with
 * every EVAL cost ~20% of the API's CPU on the apply path.
 */
export type Script<K extends string, A extends string> = {
  /** `rest`: more arguments after the named ones, for a script that takes a list (Lua: REST). */
  (redis: Redis, keys: Record<K, string>, args: Record<A, string | number>, rest?: (string | number)[]): Promise<unknown>
  /** Key names in order (tests check that every key of a call shares one Cluster slot). */
  readonly keyNames: readonly K[]
  readonly source: string
}

export function defineScript<const K extends string, const A extends string>(def: { keys: readonly K[]; args: readonly A[]; source: string }): Script<K, A> {
  const table = (name: string, list: readonly string[], from: string) => `local ${name} = { ${list.map((n, i) => `${n} = ${from}[${i + 1}]`).join(', ')} }\n`
  const source = table('K', def.keys, 'KEYS') + table('A', def.args, 'ARGV') + `local REST = ${def.args.length + 1}\n` + def.source
  const sha = createHash('sha1').update(source).digest('hex')
  const run = async (redis: Redis, keys: Record<K, string>, args: Record<A, string | number>, rest: (string | number)[] = []) => {
    const keyList = def.keys.map((k) => keys[k])
    const argList = [...def.args.map((a) => args[a]), ...rest]
    try {
      return await redis.evalsha(sha, keyList.length, ...keyList, ...argList)
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err
      return redis.eval(source, keyList.length, ...keyList, ...argList)
    }
  }
  return Object.assign(run, { keyNames: def.keys, source })
}
