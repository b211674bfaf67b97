import type { Job } from './api.ts'
import { t } from './i18n.ts'
import { payWordsEn, payWordsZh } from './pay-words.ts'

// The speaking part of 「读给我听」 (web/lib/read-aloud.ts), loaded on the first tap: the
// viewer's first load stays light.

/** What is said: title, pay in words, town, up to four tags. */
export function jobSpeech(job: Job, zh: boolean): string {
  const pay = zh ? payWordsZh(job.pay) : payWordsEn(job.pay)
  const tags = job.tags.slice(0, 4).join(zh ? '，' : ', ')
  return t('read.job', { title: job.title, pay, town: job.location.town }) + (tags ? t('read.tags', { tags }) : '')
}

const lang = (v: SpeechSynthesisVoice) => v.lang.replace('_', '-').toLowerCase()

/** A Mandarin voice (zh-CN first; never Cantonese), or an English one for the English page. */
function pickVoice(voices: SpeechSynthesisVoice[], zh: boolean): SpeechSynthesisVoice | undefined {
  if (!zh) return voices.find((v) => lang(v).startsWith('en'))
  return voices.find((v) => lang(v) === 'zh-cn') ?? voices.find((v) => /^(zh|cmn)\b/.test(lang(v)) && !/hk|yue|mo/.test(lang(v)))
}

/**
 * Reads `job` with the phone's voice; `onEnd` when it finishes or is stopped. Returns false,
 * saying nothing, when the phone lists voices but none in the page's language.
 */
export function speakJob(job: Job, zh: boolean, onEnd: (failed: boolean) => void): boolean {
  const voices = speechSynthesis.getVoices()
  const voice = pickVoice(voices, zh)
  // Some phones list no voices until one is used: then the system picks one by language.
  if (voices.length && !voice) return false
  speechSynthesis.cancel()
  const u = new SpeechSynthesisUtterance(jobSpeech(job, zh))
  u.lang = zh ? 'zh-CN' : 'en-US'
  if (voice) u.voice = voice
  u.rate = 0.9 // a little slower than the default: clearer for older listeners
  u.onend = () => onEnd(false)
  u.onerror = (e) => onEnd(e.error !== 'interrupted' && e.error !== 'canceled')
  speechSynthesis.speak(u)
  return true
}
