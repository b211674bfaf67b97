import type { Config } from '../env.ts'
import { logSms, type SmsLog } from './log.ts'
import { aliyunSms } from './aliyun.ts'
import { tencentSms } from './tencent.ts'

// Sending SMS (预约直播 reminders). Only the workers send: the HTTP app never imports this
// folder, so the Workers build carries no SMS SDK (the adapters import theirs on first use).

/** One text message: the full text (the log provider's, and what the template must read as) and its template parameters. */
export type SmsMessage = { phone: string; text: string; params: { title: string; time: string; code: string } }
/** Sends one message; throws when the provider refuses it (the job retries). */
export type SmsProvider = (message: SmsMessage) => Promise<void>

/** The provider SMS_PROVIDER names, with its credentials from the config (env only). */
export function smsProviderOf(config: Config, log?: SmsLog): SmsProvider {
  if (config.SMS_PROVIDER === 'aliyun')
    return aliyunSms({ accessKeyId: config.ALIYUN_SMS_ACCESS_KEY_ID!, accessKeySecret: config.ALIYUN_SMS_ACCESS_KEY_SECRET!, templateCode: config.ALIYUN_SMS_TEMPLATE_CODE!, signName: config.SMS_SIGN_NAME, endpoint: config.ALIYUN_SMS_ENDPOINT })
  if (config.SMS_PROVIDER === 'tencent')
    return tencentSms({ secretId: config.TENCENT_SMS_SECRET_ID!, secretKey: config.TENCENT_SMS_SECRET_KEY!, sdkAppId: config.TENCENT_SMS_SDK_APP_ID!, templateId: config.TENCENT_SMS_TEMPLATE_ID!, signName: config.SMS_SIGN_NAME, region: config.TENCENT_SMS_REGION, endpoint: config.TENCENT_SMS_ENDPOINT })
  return logSms(log, { links: config.SMS_LOG_LINKS })
}
