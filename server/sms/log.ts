import { maskPhone, maskPhonesIn } from '../lib/pii.ts'
import type { SmsProvider } from './provider.ts'

/** Where the log provider puts each message's fields (a pino logger's info; stdout by default). */
export type SmsLog = (fields: Record<string, unknown>) => void

const stdoutLine: SmsLog = (fields) => process.stdout.write(`${JSON.stringify({ level: 'info', time: Date.now(), msg: 'sms', ...fields })}\n`)

/**
 * SMS_PROVIDER=log (development, tests): each message becomes one JSON line instead of an SMS,
 * the phone masked (138****5678, also any number inside the text); never the full phone.
 */
export const logSms =
  (log: SmsLog = stdoutLine): SmsProvider =>
  async (m) => {
    log({ sms: { provider: 'log', to: maskPhone(m.phone), text: maskPhonesIn(m.text), chars: m.text.length } })
  }
