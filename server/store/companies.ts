import type { Redis } from 'ioredis'
import { keys } from './keys.ts'
import { getJson, getManyJson, present } from './json.ts'
import type { Company } from './types.ts'

export const getCompany = (redis: Redis, id: string) => getJson<Company>(redis, keys.company(id))

/** Companies by id, for decorating lists without one round trip per row. */
export async function getCompanies(redis: Redis, ids: string[]): Promise<Map<string, Company>> {
  const unique = [...new Set(ids)]
  const found = (await getManyJson<Company>(redis, unique.map(keys.company))).filter(present)
  return new Map(found.map((c) => [c.id, c]))
}
