import { findTown, pointOf, readTown } from '../../schemas/gazetteer/lookup.ts'
import { validationError } from './validate.ts'
import type { JobLocation } from '../store/types.ts'

// Every town the server stores goes through the gazetteer: its canonical name (so reports roll
// up by town) and, for jobs, its point (never the client's).

/** A job's location from the form: a gazetteer town (code or name), else 400 town.unknown. */
export function jobLocation(input: { town: string; address?: string; shuttle?: string }): JobLocation {
  const ref = findTown(input.town)
  if (!ref) throw validationError('location.town', 'town.unknown')
  return {
    town: ref.name,
    townCode: ref.town.code,
    ...(input.address ? { address: input.address } : {}),
    ...(input.shuttle ? { shuttle: input.shuttle } : {}),
    ...pointOf(ref),
  }
}

/**
 * An applicant's town and village. The town is a gazetteer town (code or name); an older client's
 * free text that starts with one (「平店乡李庄村」) is split into town and village. Anything else
 * is 400 town.unknown.
 */
export function applicantPlace(town: string | undefined, village: string | undefined): { town?: string; village?: string } {
  if (!town) return village ? { village } : {}
  const read = readTown(town)
  if (!read) throw validationError('town', 'town.unknown')
  const v = village || read.rest
  return { town: read.ref.name, ...(v ? { village: v.slice(0, 30) } : {}) }
}

/** A station's own town, when it applies for a villager who gave none: canonical if it is one. */
export const stationTownName = (town: string | null | undefined) => (town ? readTown(town)?.ref.name ?? town : undefined)
