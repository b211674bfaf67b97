/**
 * 简体中文 for the room's comment bar and stream, loaded with them (the chat chunk opens on the first
 * tap), so the first load of /watch/:id does not carry them. chat.en.ts must have the same keys.
 */
export const chatZh = {
  'chat.bar': '发评论',
  'chat.sending': '发送中…',
  'chat.as': '昵称：{{ name }}',
  'chat.rename': '改昵称',
  'chat.renameSave': '保存',
  'chat.nameLabel': '评论时显示的昵称',
  'chat.feed': '评论',
  'chat.pinnedAnswer': '主播回答',
  'chat.ticker': '最新报名',
  'chat.tickerText': '{{ name }}刚刚报名了{{ job }}',
  'chat.muted': '您已被主播禁言',
  'chat.slow': '发言太快了，请 {{ n }} 秒后再试',
  'chat.slowSoon': '发言太快了，请稍后再试',
  'chat.rejected': '内容不符合规定，未发送',
  'chat.watchFirst': '观看满 {{ n }} 秒后才能发言',
  'chat.watchFirstSoon': '再多看一会儿直播才能发言',
  'chat.tooLong': '评论最多 100 个字',
  'chat.offline': '网络不好，没发出去，请再试一次',
  'chat.failed': '没发出去，请再试一次',
}

export type ChatDict = { readonly [K in keyof typeof chatZh]: string }
