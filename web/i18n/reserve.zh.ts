/**
 * 简体中文 for the 预约直播 sheet and the SMS link's page (web/components/reserve,
 * web/pages/Reminder.tsx): loaded with them, so the first load carries none of it.
 * reserve.en.ts must have the same keys.
 */
export const reserveZh = {
  'sheet.title': '预约直播',
  'sheet.calendar': '加入日历',
  'sheet.intro': '开播前 10 分钟，给您发一条短信提醒。',
  'sheet.phone': '手机号',
  'sheet.phoneHint': '只用来发这一条开播提醒',
  'sheet.consent': '我同意：在「{{ title }}」开播前，往这个手机号发一条短信提醒（只发一条，短信里可以退订）。',
  'sheet.submit': '预约，开播提醒我',
  'sheet.sending': '正在预约…',
  'done.title': '预约好了',
  'done.body': '开播前 10 分钟会给您发短信提醒。到时点短信里的链接就能看直播。',
  'done.close': '知道了',
  'page.title': '直播提醒',
  'page.loading': '正在打开…',
  'page.invalid': '这个链接打不开了：可能输错了，或已经过期。',
  'page.for': '您预约了这场直播的短信提醒（{{ phone }}）：',
  'page.watch': '看直播',
  'page.unsubscribe': '不用提醒了（退订）',
  'page.unsubscribing': '正在退订…',
  'page.unsubscribed': '已退订，不会再给这个手机号发这场直播的提醒。',
  'page.failed': '没有退订成功，请检查网络后再试一次。',
  'page.home': '看看其他直播',
}

export type ReserveDict = { readonly [K in keyof typeof reserveZh]: string }
