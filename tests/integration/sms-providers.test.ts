// The Aliyun and Tencent Cloud SMS adapters, through their real SDKs (@alicloud/dysmsapi20170525,
// tencentcloud-sdk-nodejs-sms), against a local HTTP stand-in for the two clouds' APIs: we cannot
// send real SMS in a test, so this checks what the SDKs put on the wire (signed, with our
// phone, signature, template and parameters) and that a refusal fails the send (the job retries).
import { createServer, type IncomingMessage, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../server/env.ts'
import { smsProviderOf, type SmsMessage } from '../../server/sms/provider.ts'

type Seen = { url: string; headers: IncomingMessage['headers']; body: string }
let server: Server
let base = ''
const seen: Seen[] = []
let refuse = false

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = ''
    req.on('data', (d) => (body += d))
    req.on('end', () => {
      seen.push({ url: req.url ?? '', headers: req.headers, body })
      res.setHeader('content-type', 'application/json')
      if (req.headers['x-tc-action'])
        res.end(JSON.stringify({ Response: { SendStatusSet: [{ Code: refuse ? 'LimitExceeded.PhoneNumberDailyLimit' : 'Ok', Message: refuse ? 'daily limit' : 'send success' }], RequestId: 'tc-1' } }))
      else res.end(JSON.stringify(refuse ? { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: 'limit', RequestId: 'ali-2' } : { Code: 'OK', Message: 'OK', BizId: 'b1', RequestId: 'ali-1' }))
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`
})
afterAll(() => new Promise<void>((r) => server.close(() => r())))

const message: SmsMessage = { phone: '13800138000', text: '【直播带岗】「缝纫工专场」14:10开播，观看或退订：https://zp.example.cn/r/AbCdEfGhIjKl', params: { title: '缝纫工专场', time: '14:10', code: 'AbCdEfGhIjKl' } }

describe('SMS providers through their SDKs', () => {
  it('aliyun: SendSms, signed with the access key, carrying phone, signature, template and its parameters', async () => {
    const send = smsProviderOf(loadConfig({ SMS_PROVIDER: 'aliyun', ALIYUN_SMS_ACCESS_KEY_ID: 'test-key-id', ALIYUN_SMS_ACCESS_KEY_SECRET: 'test-secret', ALIYUN_SMS_TEMPLATE_CODE: 'SMS_123', ALIYUN_SMS_ENDPOINT: base }))
    refuse = false
    seen.length = 0
    await send(message)
    expect(seen).toHaveLength(1)
    const q = new URL(seen[0]!.url, base).searchParams
    expect(q.get('PhoneNumbers')).toBe('13800138000')
    expect(q.get('SignName')).toBe('直播带岗')
    expect(q.get('TemplateCode')).toBe('SMS_123')
    expect(JSON.parse(q.get('TemplateParam')!)).toEqual(message.params)
    expect(seen[0]!.headers['x-acs-action']).toBe('SendSms')
    expect(String(seen[0]!.headers.authorization)).toContain('test-key-id') // signed (ACS3-HMAC-SHA256), never the secret itself
    expect(JSON.stringify(seen[0])).not.toContain('test-secret')
    refuse = true
    await expect(send(message)).rejects.toThrow(/Aliyun SMS refused: isv.BUSINESS_LIMIT_CONTROL/)
  })

  it('tencent: SendSms (2021-01-11) with +86 phone, app, signature, template and ordered parameters', async () => {
    const send = smsProviderOf(loadConfig({ SMS_PROVIDER: 'tencent', TENCENT_SMS_SECRET_ID: 'test-secret-id', TENCENT_SMS_SECRET_KEY: 'test-secret-key', TENCENT_SMS_SDK_APP_ID: '1400000000', TENCENT_SMS_TEMPLATE_ID: '2000001', TENCENT_SMS_ENDPOINT: base }))
    refuse = false
    seen.length = 0
    await send(message)
    expect(seen).toHaveLength(1)
    expect(seen[0]!.headers['x-tc-action']).toBe('SendSms')
    expect(seen[0]!.headers['x-tc-version']).toBe('2021-01-11')
    expect(String(seen[0]!.headers.authorization)).toMatch(/^TC3-HMAC-SHA256 Credential=test-secret-id\//)
    expect(JSON.parse(seen[0]!.body)).toEqual({ PhoneNumberSet: ['+8613800138000'], SmsSdkAppId: '1400000000', SignName: '直播带岗', TemplateId: '2000001', TemplateParamSet: ['缝纫工专场', '14:10', 'AbCdEfGhIjKl'] })
    expect(JSON.stringify(seen[0])).not.toContain('test-secret-key')
    refuse = true
    await expect(send(message)).rejects.toThrow(/Tencent SMS refused: LimitExceeded/)
  })
})
