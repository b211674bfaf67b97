import { For, createSignal } from 'solid-js'
import { locale } from '../lib/i18n.ts'
import { wt, type StaffKey } from '../lib/staff-words.ts'
import { FieldGroup } from './Field.tsx'

export const QUICK_TAGS = ['包吃住', '日结', '五险一金', '计件', '家门口就业'] as const

/** Quick chips to toggle common tags, plus free tags typed in. */
export function TagPicker(props: { id: string; tags: string[]; onChange: (tags: string[]) => void; error?: string }) {
  const [draft, setDraft] = createSignal('')
  const has = (tag: string) => props.tags.includes(tag)
  const toggle = (tag: string) => props.onChange(has(tag) ? props.tags.filter((x) => x !== tag) : [...props.tags, tag])
  const custom = () => props.tags.filter((tag) => !(QUICK_TAGS as readonly string[]).includes(tag))
  const label = (tag: string) => (locale() === 'en' ? wt(`tag.gloss.${tag}` as StaffKey) : tag)
  function add() {
    const tag = draft().trim()
    if (tag && !has(tag)) props.onChange([...props.tags, tag])
    setDraft('')
  }
  return (
    <FieldGroup legend={wt('jobForm.tags')} id={props.id} hint={wt('jobForm.tagsHint')} error={props.error}>
      <div class="chip-buttons">
        <For each={QUICK_TAGS}>
          {(tag) => (
            <button type="button" class="chip-toggle" aria-pressed={has(tag)} onClick={() => toggle(tag)}>
              {label(tag)}
            </button>
          )}
        </For>
        <For each={custom()}>
          {(tag) => (
            <button type="button" class="chip-toggle" aria-pressed={true} aria-label={wt('jobForm.tagRemove', { tag })} onClick={() => toggle(tag)}>
              {tag} ×
            </button>
          )}
        </For>
      </div>
      <div class="inline">
        <input
          id={props.id}
          type="text"
          maxLength={12}
          placeholder={wt('jobForm.tagPh')}
          aria-label={wt('jobForm.tagPh')}
          value={draft()}
          onInput={(e) => setDraft(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault()
              add()
            }
          }}
          aria-invalid={!!props.error}
        />
        <button type="button" onClick={add}>
          {wt('jobForm.tagAdd')}
        </button>
      </div>
    </FieldGroup>
  )
}
