const pad = (n: number) => String(n).padStart(2, '0')

/** A datetime-local value ("2026-03-01T09:00") as ISO-8601 with the local offset, or null. */
export function localToIso(value: string): string | null {
  if (!value) return null
  const d = new Date(value)
  if (Number.isNaN(d.getTime())) return null
  const off = -d.getTimezoneOffset()
  const sign = off >= 0 ? '+' : '-'
  const abs = Math.abs(off)
  return `${inputValue(d)}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
}

/** An ISO time as a datetime-local value in local time. */
export function isoToLocal(iso: string): string {
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? '' : inputValue(d)
}

export function inputValue(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}

export { pad }
