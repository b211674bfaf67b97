import type { SmsProvider } from './provider.ts'

export type AliyunSms = { accessKeyId: string; accessKeySecret: string; signName: string; templateCode: string; endpoint: string }

/** `dysmsapi.aliyuncs.com` (HTTPS), or a URL such as `http://10.0.0.5:8080` (a private gateway, a test stand-in). */
export const endpointOf = (e: string) => (/^https?:\/\//.test(e) ? { endpoint: new URL(e).host, protocol: new URL(e).protocol.slice(0, -1) } : { endpoint: e })

type Client = { sendSms(req: unknown): Promise<{ body?: { code?: string; message?: string } }> }

/**
 * Aliyun SMS (dysmsapi 2017-05-25). The template (ALIYUN_SMS_TEMPLATE_CODE) takes ${title},
 * ${time} and ${code}; the SDK is imported on first send, in the workers only.
 */
export function aliyunSms(c: AliyunSms): SmsProvider {
  let client: Promise<{ client: Client; Request: new (init: Record<string, unknown>) => unknown }> | undefined
  const connect = async () => {
    const [sms, openapi] = await Promise.all([import('@alicloud/dysmsapi20170525'), import('@alicloud/openapi-client')])
    // CommonJS default export: the class itself, or under .default depending on the loader
    const Dysms = (typeof sms.default === 'function' ? sms.default : (sms.default as unknown as { default: typeof sms.default }).default) as unknown as new (config: unknown) => Client
    const config = new openapi.Config({ accessKeyId: c.accessKeyId, accessKeySecret: c.accessKeySecret, ...endpointOf(c.endpoint) })
    return { client: new Dysms(config), Request: sms.SendSmsRequest as unknown as new (init: Record<string, unknown>) => unknown }
  }
  return async (m) => {
    client ??= connect().catch((err) => ((client = undefined), Promise.reject(err)))
    const { client: sms, Request } = await client
    const res = await sms.sendSms(new Request({ phoneNumbers: m.phone, signName: c.signName, templateCode: c.templateCode, templateParam: JSON.stringify(m.params) }))
    if (res.body?.code !== 'OK') throw new Error(`Aliyun SMS refused: ${res.body?.code ?? 'no code'} ${res.body?.message ?? ''}`)
  }
}
