import { maskPhone, maskPhonesIn } from '../lib/pii.ts'
import type { SmsProvider } from './provider.ts'

/** Where the log provider puts each message's fields (a pino logger's info; stdout by default). */
export type SmsLog = (fields: Record<string, unknown>) => void

const stdoutLine: SmsLog = (fields) => process.stdout.write(`${JSON.stringify({ level: 'info', time: Date.now(), msg: 'sms', ...fields })}\n`)

/**
 * SMS_PROVIDER=log (development, tests): each message becomes one JSON line instead of an SMS,
 * the phone masked (138****5678, also any number inside the text); never the full phone. The
 * unsubscribe code in the text is a secret: shown only with `links` (SMS_LOG_LINKS=1), so a
 * deployment left on the default provider keeps no live codes in its logs.
 */
export const logSms =
  (log: SmsLog = stdoutLine, opts: { links?: boolean } = {}): SmsProvider =>
  async (m) => {
    const text = opts.links ? m.text : m.text.split(m.params.code).join('*'.repeat(m.params.code.length))
    log({ sms: { provider: 'log', to: maskPhone(m.phone), text: maskPhonesIn(text), chars: m.text.length } })
  }
