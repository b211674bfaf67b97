import { Mint } from 'mint-filter'
import type { Redis } from 'ioredis'
import { keys } from '../store/keys.ts'
import { maskPhone } from '../lib/pii.ts'

// What a comment may say: no links, phone numbers masked, none of the organizer's banned words.

const FULL_WIDTH_DIGIT = /[０-９]/g
// 11 digits of a mainland mobile, allowing spaces or dashes between them (138 1234 5678).
const PHONE_IN_TEXT = /(?<!\d)1[3-9]\d(?:[\s-]?\d){8}(?!\d)/g
const LINK = /(?:https?:\/\/|www\s*[.。．]|[a-z0-9-]+\s*[.。．]\s*(?:com|cn|net|org|top|xyz|cc|io|me|info|vip|shop|site|link|club|ly|tk|ink|fun|icu|wang)(?![a-z]))/i

/** 138 1234 5678 → 138****5678, before anyone (the store included) sees the number. */
export const maskPhones = (text: string) =>
  text.replace(FULL_WIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(PHONE_IN_TEXT, (m) => maskPhone(m.replace(/\D/g, '')))

export const hasLink = (text: string) => LINK.test(text.normalize('NFKC'))

// The filter is rebuilt only when the organizer's list changes (compared by its stored text).
let built: { raw: string; mint: Mint } | null = null

export async function bannedFilter(redis: Redis): Promise<Mint | null> {
  const raw = (await redis.get(keys.bannedWords())) ?? '[]'
  if (built?.raw !== raw) built = { raw, mint: new Mint(JSON.parse(raw) as string[]) }
  return raw === '[]' ? null : built.mint
}

/**
 * Whether `text` holds a banned word, also with spaces and punctuation taken out (加 微 信).
 * mint-filter 4.0.3 misses a word that ends inside a longer word's partial match (with 'abcd'
 * and 'bc', 'xabce' passes): searching from every start position finds each word from the root.
 */
export function holdsBanned(mint: Mint | null, text: string): boolean {
  if (!mint) return false
  const squeezed = text.normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '')
  for (const t of new Set([text, squeezed])) {
    const chars = [...t]
    for (let i = 0; i < chars.length; i++) if (!mint.verify(chars.slice(i).join(''))) return true
  }
  return false
}

export const readBannedWords = async (redis: Redis) => JSON.parse((await redis.get(keys.bannedWords())) ?? '[]') as string[]

/** Lower-cased, trimmed, each once: the filter compares lower case anyway. */
export async function writeBannedWords(redis: Redis, words: string[]) {
  const list = [...new Set(words.map((w) => w.trim().toLowerCase()).filter(Boolean))]
  await redis.set(keys.bannedWords(), JSON.stringify(list))
  return list
}
