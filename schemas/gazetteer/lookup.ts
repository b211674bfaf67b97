import { counties } from './data.ts'
import type { County, CoordsOf, Town } from './types.ts'

// Finding a town in the gazetteer: by code, by its canonical name (「商水县平店乡」), or at the
// start of what someone typed (「平店乡李庄村」 → 平店乡, village 李庄村). The server resolves every
// town it stores through here, so reports roll up by town and coordinates come from the data.

export { counties }

/** A town of the gazetteer with its county and its canonical name, county first: 「商水县平店乡」. */
export type TownRef = { county: County; town: Town; name: string }

const refs: TownRef[] = counties.flatMap((county) => county.towns.map((town) => ({ county, town, name: county.name + town.name })))
const byKey = new Map<string, TownRef | null>()
const remember = (key: string, ref: TownRef) => byKey.set(key, byKey.has(key) && byKey.get(key) !== ref ? null : ref) // null: ambiguous
for (const ref of refs) {
  remember(ref.town.code, ref)
  remember(ref.name, ref)
  remember(ref.town.name, ref)
  remember(ref.county.city + ref.name, ref)
  remember(ref.county.province + ref.county.city + ref.name, ref)
}
/** Longest first: 「商水县平店乡」 before 「平店乡」. */
const names = [...byKey.keys()].filter((k) => !/^\d+$/.test(k)).sort((a, b) => b.length - a.length)

/** A town by its code, canonical name or bare name (when only one county has it). */
export const findTown = (codeOrName: string): TownRef | undefined => byKey.get(codeOrName.trim()) ?? undefined

/** A free-text place that starts with a town of the gazetteer: the town and what follows (the village). */
export function readTown(text: string): { ref: TownRef; rest: string } | undefined {
  const s = text.trim()
  const exact = findTown(s)
  if (exact) return { ref: exact, rest: '' }
  const name = names.find((n) => s.startsWith(n))
  const ref = name ? byKey.get(name) : undefined
  return ref && name ? { ref, rest: s.slice(name.length).trim() } : undefined
}

/** The best point for a town: its own where the data has one, else its county seat's. */
export function pointOf(ref: TownRef): { lat: number; lng: number; coordsOf: Exclude<CoordsOf, 'device'> } {
  const { town, county } = ref
  return town.lat !== null && town.lng !== null ? { lat: town.lat, lng: town.lng, coordsOf: 'town' } : { lat: county.lat, lng: county.lng, coordsOf: 'county' }
}
