// The reminder SMS (预约直播), one segment: a Chinese SMS is 70 UTF-16 units, the signature
// included. The same pieces go to Aliyun / Tencent as template parameters, so their approved
// template must read like `wrap` below (README, "SMS reminders").

/** One SMS segment of Chinese text (UCS-2): the carriers' limit, signature included. */
export const SMS_MAX_CHARS = 70
/** The reminder goes out this long before the scheduled start (at once when reserved later). */
export const REMIND_BEFORE_MS = 10 * 60_000
/** Random bytes of a reservation's token, the SMS link's code: 9 bytes → 12 characters, 72 bits. */
export const CODE_BYTES = 9
const CODE_CHARS = 12
/** The fewest title characters a reminder keeps; the config refuses a signature + URL that leave less. */
const TITLE_MIN = 4
/** The longest start label: another day's date and time. */
const LONGEST_TIME = '12月31日23:59'

const OFFSET_MS = 8 * 3600_000 // China time, no DST
const china = (ms: number) => new Date(ms + OFFSET_MS).toISOString()

/** 14:10 when the stream starts on the day the SMS goes out (China time), else 12月1日09:00. */
export function startLabel(startIso: string, now: Date): string {
  const start = china(Date.parse(startIso))
  const hhmm = start.slice(11, 16)
  if (start.slice(0, 10) === china(now.getTime()).slice(0, 10)) return hhmm
  return `${Number(start.slice(5, 7))}月${Number(start.slice(8, 10))}日${hhmm}`
}

/** The SMS's short link: a small page that opens the stream or unsubscribes (web/pages/reminder). */
export const reminderLink = (publicUrl: string, code: string) => `${publicUrl.replace(/\/+$/, '')}/r/${code}`

const wrap = (sign: string, title: string, time: string, link: string) => `【${sign}】「${title}」${time}开播，观看或退订：${link}`

/** `s` cut to at most `max` UTF-16 units, a cut marked with …, never splitting a character. */
function truncate(s: string, max: number): string {
  if (s.length <= max) return s
  let out = ''
  for (const ch of s) {
    if (out.length + ch.length > max - 1) break
    out += ch
  }
  return `${out}…`
}

export type ReminderSms = { text: string; params: { title: string; time: string; code: string } }

/** The reminder's text and its template parameters; throws if it would not fit one segment. */
export function reminderSms(input: { sign: string; title: string; startsAt: string; publicUrl: string; code: string; now: Date }): ReminderSms {
  const time = startLabel(input.startsAt, input.now)
  const link = reminderLink(input.publicUrl, input.code)
  const room = SMS_MAX_CHARS - wrap(input.sign, '', time, link).length
  const title = truncate(input.title.replace(/\s+/g, ' ').trim(), Math.max(room, 0))
  const text = wrap(input.sign, title, time, link)
  if (text.length > SMS_MAX_CHARS) throw new Error(`reminder SMS is ${text.length} characters, more than one segment (${SMS_MAX_CHARS})`)
  return { text, params: { title, time, code: input.code } }
}

/** Why a signature and public URL leave too little room for the title (config check), or null. */
export function smsBudgetProblem(sign: string, publicUrl: string): string | null {
  const fixed = wrap(sign, '', LONGEST_TIME, reminderLink(publicUrl, 'x'.repeat(CODE_CHARS))).length
  const room = SMS_MAX_CHARS - fixed
  return room >= TITLE_MIN ? null : `SMS_SIGN_NAME and PUBLIC_URL leave ${room} characters of the ${SMS_MAX_CHARS}-character SMS for the stream title (at least ${TITLE_MIN}): shorten one`
}
