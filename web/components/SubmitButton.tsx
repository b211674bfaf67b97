import { t } from '../lib/i18n.ts'

/** Disabled with a progress label while the form is being sent. */
export function SubmitButton(props: { busy: boolean; label: string; busyLabel?: string }) {
  return (
    <button type="submit" class="primary" disabled={props.busy} aria-busy={props.busy}>
      {props.busy ? (props.busyLabel ?? t('common.saving')) : props.label}
    </button>
  )
}
