// docs/architecture.md: phone numbers are visible to the hiring company and masked for everyone else.

/** 13812345678 → 138****5678 */
export const maskPhone = (phone: string) => (phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****')

/** 王小明 → 王**; keeps the family name an organizer needs to tell rows apart, no more. */
export const maskName = (name: string) => {
  const chars = [...name]
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(Math.min(chars.length - 1, 3))
}

// Logs: an error's message may quote data (JSON.parse echoes its input), and an ioredis
// ReplyError carries the whole command (err.command.args: phone, name, the record).
// A number may carry the country code as the SMS providers take it (+8613812345678): masked too.
const PHONE_LIKE = /(?<=(?:^|\D)(?:(?:\+|00)?86)?)1[3-9]\d(?:[\s-]?\d){8}(?!\d)/g
const HAN_RUN = /\p{Script=Han}+/gu
const JSON_ECHO = /"[^]*"(?:\.\.\.)? is not valid JSON/

/** Phone numbers in free text masked, the rest left readable (an SMS's text in the log). */
export const maskPhonesIn = (text: string) => text.replace(PHONE_LIKE, (m) => maskPhone(m.replace(/\D/g, '')))

/** Phone numbers and Han names in free text, masked as maskPhone / maskName would. */
export const maskPersonalText = (text: string) =>
  text.replace(PHONE_LIKE, (m) => maskPhone(m.replace(/\D/g, ''))).replace(HAN_RUN, (m) => maskName(m))

/**
 * The one way to log an unexpected error: its name, its message masked, its stack frames.
 * Never the error object itself, whose extra fields (command args) would print in full.
 */
export function errorForLog(err: unknown): string {
  if (!(err instanceof Error)) return `non-Error thrown: ${err === null ? 'null' : typeof err}`
  const message = maskPersonalText(err.message.replace(JSON_ECHO, '(input) is not valid JSON'))
  const frames = (err.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line))
  return [`${err.name}: ${message}`, ...frames.map(maskPersonalText)].join('\n')
}
