import type { SmsProvider } from './provider.ts'

export type TencentSms = { secretId: string; secretKey: string; sdkAppId: string; templateId: string; signName: string; region: string; endpoint: string }

/** `sms.tencentcloudapi.com` (HTTPS), or a URL such as `http://10.0.0.5:8080` (a private gateway, a test stand-in). */
const httpProfileOf = (e: string) => (/^https?:\/\//.test(e) ? { endpoint: new URL(e).host, protocol: new URL(e).protocol + '//' } : { endpoint: e })

type Client = { SendSms(req: Record<string, unknown>): Promise<{ SendStatusSet?: { Code?: string; Message?: string }[] }> }

/**
 * Tencent Cloud SMS (2021-01-11). The template (TENCENT_SMS_TEMPLATE_ID) takes {1} title,
 * {2} time, {3} code; the SDK is imported on first send, in the workers only.
 */
export function tencentSms(c: TencentSms): SmsProvider {
  let client: Promise<Client> | undefined
  const connect = async () => {
    const { sms } = await import('tencentcloud-sdk-nodejs-sms')
    return new sms.v20210111.Client({ credential: { secretId: c.secretId, secretKey: c.secretKey }, region: c.region, profile: { httpProfile: httpProfileOf(c.endpoint) } }) as unknown as Client
  }
  return async (m) => {
    client ??= connect().catch((err) => ((client = undefined), Promise.reject(err)))
    const res = await (await client).SendSms({ PhoneNumberSet: [`+86${m.phone}`], SmsSdkAppId: c.sdkAppId, SignName: c.signName, TemplateId: c.templateId, TemplateParamSet: [m.params.title, m.params.time, m.params.code] })
    const status = res.SendStatusSet?.[0]
    if (status?.Code !== 'Ok') throw new Error(`Tencent SMS refused: ${status?.Code ?? 'no status'} ${status?.Message ?? ''}`)
  }
}
