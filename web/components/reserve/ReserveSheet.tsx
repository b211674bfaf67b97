import { Show, createSignal } from 'solid-js'
import { Sheet } from '../Sheet.tsx'
import { PhoneField } from '../TextField.tsx'
import { ConsentCheck } from '../Field.tsx'
import { FormError } from '../FormError.tsx'
import { createForm } from '../../lib/form.ts'
import { check } from '../../lib/check.ts'
import { asFailure } from '../../lib/api.ts'
import { ruleMsg } from '../../lib/errors.ts'
import { isRule } from '../../../schemas/rules.ts'
import { reserveBody } from '../../../schemas/reservations.ts'
import { reserveStream } from '../../lib/queries/reservations.ts'
import { calendarUrl } from '../../lib/queries/calendar.ts'
import { srcField } from '../../lib/share-src.ts'
import { rt } from '../../lib/reserve-words.ts'

const FIELDS = ['phone', 'consent']

/** 加入日历: the stream's .ics, which the phone's calendar opens (its own reminder, no phone number needed). */
function CalendarLink(props: { streamId: string }) {
  return (
    <p>
      <a class="button" href={calendarUrl(props.streamId)} download="">
        {rt('sheet.calendar')}
      </a>
    </p>
  )
}

/**
 * 预约直播 (lazy): a phone and a consent that names exactly what is agreed to — one SMS before
 * this stream. The server's own schema checks it first; its refusals show in the user's words.
 */
export default function ReserveSheet(props: { streamId: string; title: string; onClose: () => void }) {
  const form = createForm({ phone: '', consent: false }, (v) => check(reserveBody, v))
  const [done, setDone] = createSignal(false)
  const onSubmit = (e: SubmitEvent) => {
    const checked = check(reserveBody, { ...form.values, ...srcField() })
    return form.submit(
      e,
      checked,
      async () => {
        try {
          await reserveStream(props.streamId, checked.body!)
          setDone(true)
        } catch (err) {
          // a refusal about the stream itself (it has ended) has a rule but no field
          const rule = asFailure(err).details.find((d) => !d.path)?.rule
          if (rule && isRule(rule)) return form.setErrors({ _form: ruleMsg(rule) })
          throw err
        }
      },
      FIELDS,
    )
  }
  return (
    <Sheet open title={rt('sheet.title')} onClose={props.onClose}>
      <Show
        when={!done()}
        fallback={
          <div class="apply-result ok" role="status">
            <p class="apply-result-title">{rt('done.title')}</p>
            <p>{rt('done.body')}</p>
            <CalendarLink streamId={props.streamId} />
            <button type="button" class="primary big" onClick={() => props.onClose()}>
              {rt('done.close')}
            </button>
          </div>
        }
      >
        <form onSubmit={onSubmit} novalidate>
          <CalendarLink streamId={props.streamId} />
          <p class="muted">{rt('sheet.intro')}</p>
          <PhoneField form={form} label={rt('sheet.phone')} hint={rt('sheet.phoneHint')} />
          <ConsentCheck form={form} label={rt('sheet.consent', { title: props.title })} />
          <FormError message={form.err('_form')} />
          <button type="submit" class="primary big" disabled={form.busy()} aria-busy={form.busy()}>
            {form.busy() ? rt('sheet.sending') : rt('sheet.submit')}
          </button>
        </form>
      </Show>
    </Sheet>
  )
}
