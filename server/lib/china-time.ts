// China has one time zone (UTC+8) and no daylight saving time.
const OFFSET_MS = 8 * 3600_000

/** 2026-11-23T01:31:05Z → "2026-11-23 09:31:05", the way a bureau's spreadsheet shows it. */
export const chinaDateTime = (iso: string) => new Date(Date.parse(iso) + OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ')
