import type { ChatDict } from './chat.zh.ts'

/** English for the comment bar and stream in chat.zh.ts (same keys). */
export const chatEn: ChatDict = {
  'chat.bar': 'Comment',
  'chat.sending': 'Sending…',
  'chat.as': 'Name: {{ name }}',
  'chat.rename': 'Change name',
  'chat.renameSave': 'Save',
  'chat.nameLabel': 'Name shown with your comments',
  'chat.feed': 'Comments',
  'chat.pinnedAnswer': 'Host’s answer',
  'chat.ticker': 'Latest applications',
  'chat.tickerText': '{{ name }} just applied for {{ job }}',
  'chat.muted': 'The host has muted you',
  'chat.slow': 'Too fast — please try again in {{ n }} s',
  'chat.slowSoon': 'Too fast — please try again shortly',
  'chat.rejected': 'Not sent: the content is not allowed',
  'chat.watchFirst': 'You can comment after watching for {{ n }} s',
  'chat.watchFirstSoon': 'Watch a little longer before commenting',
  'chat.tooLong': 'Comments are up to 100 characters',
  'chat.offline': 'Not sent: the network is weak, please try again',
  'chat.failed': 'Not sent, please try again',
}
