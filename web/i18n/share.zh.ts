/**
 * 简体中文 for the share sheet and poster (web/components/share): loaded with the sheet, so the
 * viewer's first load carries none of it. share.en.ts must have the same keys.
 */
export const shareZh = {
  'title.stream': '分享直播',
  'title.fair': '分享招聘会',
  'poster.alt': '分享海报：{{ title }}',
  'poster.making': '正在生成海报…',
  'poster.failed': '海报没有生成出来，请检查网络后重试。',
  'poster.retry': '重新生成',
  'poster.hint': '长按海报可保存，或直接发给微信好友、微信群。',
  'poster.save': '保存海报',
  'poster.send': '发送海报',
  'poster.brand': '直播带岗',
  'poster.slogan': '边看直播边报名 · 在家门口找工作',
  'poster.live': '正在直播',
  'poster.ended': '直播已结束，可看岗位报名',
  'poster.startsAt': '{{ when }} 开播',
  'poster.fairWhen': '{{ from }} 至 {{ to }}',
  'poster.jobs': '招聘岗位',
  'poster.moreJobs': '还有 {{ n }} 个岗位，进直播间看',
  'poster.scan': '长按识别二维码 · 进直播间报名',
  'poster.scanFair': '长按识别二维码 · 看招聘会直播',
  'link.label': '分享链接',
  'link.copy': '复制链接',
  'link.copied': '已复制，可以粘贴到微信里发送',
  'link.copyFailed': '没能自动复制，请长按上面的链接手动复制。',
  'qr.alt': '二维码：扫码打开这个分享链接',
  'qr.hint': '这个二维码也可以截图发送。',
}
export type ShareDict = { readonly [K in keyof typeof shareZh]: string }
