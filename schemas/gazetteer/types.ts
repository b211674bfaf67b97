// The gazetteer's shapes (data in data.ts, lookups in lookup.ts, distances in distance.ts).

/** A 乡, 镇 or 街道 with its 9-digit NBS code; lat/lng null where no source gives the town's own point. */
export type Town = { code: string; name: string; lat: number | null; lng: number | null }

/** A county (县/区) with its 6-digit NBS code and its county seat's point. */
export type County = { code: string; name: string; city: string; province: string; lat: number; lng: number; towns: Town[] }

/** Whose point a place's lat/lng is: the town's own, only its county seat's, or the device's (GPS). */
export type CoordsOf = 'town' | 'county' | 'device'
