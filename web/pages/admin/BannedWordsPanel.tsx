import { Show, createSignal } from 'solid-js'
import { loadBannedWords, saveBannedWords } from '../../lib/queries/moderation.ts'
import { createLoad } from '../../lib/load.ts'
import { createForm } from '../../lib/form.ts'
import { check } from '../../lib/check.ts'
import { t } from '../../lib/i18n.ts'
import { wt } from '../../lib/staff-words.ts'
import { bannedWordsBody } from '../../../schemas/comments.ts'
import { FormActions } from '../../components/FormActions.tsx'
import { LoadState } from '../../components/LoadState.tsx'
import { TextField } from '../../components/TextField.tsx'

/** One word a line, blanks and repeats dropped: what PUT /api/admin/banned-words takes. */
const wordsOf = (text: string) => [...new Set(text.split('\n').map((w) => w.trim()).filter(Boolean))]

/** The organizer's banned words, applied to comments on every stream. */
export function BannedWordsPanel() {
  const words = createLoad(() => true as const, loadBannedWords)
  return (
    <section>
      <Show when={words.data()} fallback={<LoadState of={words} />}>
        {(d) => <BannedWordsForm initial={d().words} />}
      </Show>
    </section>
  )
}

function BannedWordsForm(props: { initial: string[] }) {
  const form = createForm({ text: props.initial.join('\n') })
  const [saved, setSaved] = createSignal<number | null>(null)
  const onSubmit = (e: SubmitEvent) => {
    const checked = check(bannedWordsBody, { words: wordsOf(form.values.text) })
    setSaved(null)
    return form.submit(
      e,
      checked,
      async () => {
        const res = await saveBannedWords(checked.body!.words)
        form.set('text', res.words.join('\n'))
        setSaved(res.words.length)
      },
      ['words'],
    )
  }
  return (
    <form class="card form-card banned-words" onSubmit={onSubmit} novalidate>
      <h3>{wt('admin.tabBannedWords')}</h3>
      <p>{wt('admin.bannedIntro')}</p>
      <TextField form={form} name="text" errorKey="words" multiline label={wt('admin.bannedLabel')} />
      <Show when={saved() !== null}>
        <p class="notice ok" role="status">
          {wt('admin.bannedSaved', { n: saved()! })}
        </p>
      </Show>
      <FormActions form={form} label={t('common.save')} />
    </form>
  )
}
