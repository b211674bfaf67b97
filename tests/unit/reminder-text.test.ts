import { describe, expect, it } from 'vitest'
import { reminderSms, SMS_MAX_CHARS, smsBudgetProblem, startLabel } from '../../server/reminders/text.ts'
import { loadConfig } from '../../server/env.ts'
import { logSms } from '../../server/sms/log.ts'

const now = new Date('2026-11-30T06:00:00Z') // 14:00 in China
const sms = (title: string, startsAt = '2026-11-30T06:10:00Z', publicUrl = 'https://zp.example.cn') => reminderSms({ sign: '直播带岗', title, startsAt, publicUrl, code: 'AbCdEfGhIjKl', now })

describe('the reminder SMS', () => {
  it('fits one segment whatever the title, cutting it with …', () => {
    for (const title of ['电子厂', '缝纫工专场 · 探厂直播带岗，包吃住月薪六千起'.repeat(3), '😀'.repeat(40), 'A'.repeat(80)]) {
      for (const at of ['2026-11-30T06:10:00Z', '2026-12-31T15:59:00Z']) {
        const { text, params } = sms(title, at)
        expect(text.length).toBeLessThanOrEqual(SMS_MAX_CHARS)
        expect(text).toContain('https://zp.example.cn/r/AbCdEfGhIjKl')
        expect(text).toContain(`「${params.title}」`)
        expect(text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/) // no emoji cut in half
      }
    }
    expect(sms('电子厂').text).toBe('【直播带岗】「电子厂」14:10开播，观看或退订：https://zp.example.cn/r/AbCdEfGhIjKl')
    expect(sms('缝纫工专场 · 探厂直播带岗，包吃住').params.title).toMatch(/…$/)
  })

  it('says the time alone on the day, the date too on another day (China time)', () => {
    expect(startLabel('2026-11-30T06:10:00Z', now)).toBe('14:10')
    expect(startLabel('2026-11-30T16:05:00Z', now)).toBe('12月1日00:05')
  })

  it('refuses a signature and address that leave no room for the title, at start-up', () => {
    expect(smsBudgetProblem('直播带岗', 'https://zp.example.cn')).toBeNull()
    expect(smsBudgetProblem('直播带岗', 'https://a-very-long-host-name.example.com.cn')).toMatch(/shorten/)
    expect(() => loadConfig({ PUBLIC_URL: 'https://a-very-long-host-name.example.com.cn' })).toThrow(/PUBLIC_URL/)
  })
})

describe('SMS configuration', () => {
  it('defaults to the log provider and asks for the credentials of the one chosen', () => {
    expect(loadConfig({}).SMS_PROVIDER).toBe('log')
    expect(() => loadConfig({ SMS_PROVIDER: 'aliyun' })).toThrow(/ALIYUN_SMS_ACCESS_KEY_ID/)
    expect(() => loadConfig({ SMS_PROVIDER: 'tencent', TENCENT_SMS_SECRET_ID: 'x' })).toThrow(/TENCENT_SMS_SDK_APP_ID/)
    expect(() => loadConfig({ SMS_PROVIDER: 'email' })).toThrow(/SMS_PROVIDER/)
    const c = loadConfig({ SMS_PROVIDER: 'aliyun', ALIYUN_SMS_ACCESS_KEY_ID: 'id', ALIYUN_SMS_ACCESS_KEY_SECRET: 'secret', ALIYUN_SMS_TEMPLATE_CODE: 'SMS_1' })
    expect(c.ALIYUN_SMS_ENDPOINT).toBe('dysmsapi.aliyuncs.com')
  })
})

describe('the log provider', () => {
  const message = () => {
    const sms = reminderSms({ sign: '直播带岗', title: '缝纫工专场', startsAt: '2026-03-01T06:10:00Z', publicUrl: 'https://zp.example.cn', code: 'AbCdEfGhIjKl', now: new Date('2026-03-01T05:00:00Z') })
    return { phone: '13812345678', ...sms }
  }
  it('keeps the unsubscribe code (a secret) and the phone out of the log by default', async () => {
    const lines: Record<string, any>[] = []
    await logSms((f) => void lines.push(f))(message())
    const text: string = lines[0]!.sms.text
    expect(text).not.toContain('AbCdEfGhIjKl')
    expect(text).toContain('https://zp.example.cn/r/************')
    expect(JSON.stringify(lines)).not.toContain('13812345678')
    expect(lines[0]!.sms.to).toBe('138****5678')
  })
  it('shows the link with SMS_LOG_LINKS (development)', async () => {
    const lines: Record<string, any>[] = []
    await logSms((f) => void lines.push(f), { links: true })(message())
    expect(lines[0]!.sms.text).toContain('https://zp.example.cn/r/AbCdEfGhIjKl')
  })
})
