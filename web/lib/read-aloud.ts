import { createSignal } from 'solid-js'
import type { Job } from './api.ts'
import { locale } from './i18n.ts'

// 「读给我听」: a job read out by the phone's own voice (speechSynthesis), Mandarin unless the page
// is in English. One card at a time; the same button stops it. When the phone cannot speak, the
// card says so in words. The words and the voice come in their own chunk (job-speech.ts).

export type ReadProblem = 'noSpeech' | 'noVoice' | 'offline'

/** The job being read, and the job whose reading failed (with why). */
const [reading, setReading] = createSignal<string | null>(null)
const [problem, setProblem] = createSignal<{ jobId: string; why: ReadProblem } | null>(null)
export { problem as readProblem, reading }

const canSpeak = () => typeof speechSynthesis !== 'undefined' && typeof SpeechSynthesisUtterance !== 'undefined'
let turn = 0 // a stop (or another card) while the chunk loads cancels the earlier tap

/** Starts reading `job`, or stops it when it is the one being read. */
export function toggleReading(job: Job) {
  const mine = ++turn
  setProblem(null)
  if (reading() === job.id) {
    if (canSpeak()) speechSynthesis.cancel()
    return setReading(null)
  }
  if (!canSpeak()) return setProblem({ jobId: job.id, why: 'noSpeech' })
  setReading(job.id)
  const fail = (why: ReadProblem = 'noVoice') => {
    if (mine !== turn) return
    setReading(null)
    setProblem({ jobId: job.id, why })
  }
  import('./job-speech.ts').then((m) => {
    if (mine !== turn) return
    const started = m.speakJob(job, locale() !== 'en', (failed) => {
      if (mine !== turn) return
      if (failed) fail()
      else setReading(null)
    })
    if (!started) fail()
  }, () => fail('offline'))
}
