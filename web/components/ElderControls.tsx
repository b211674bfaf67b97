import { For, Show } from 'solid-js'
import { TEXT_SIZES, elder, elderAnswered, setElder, setTextSize, textSize } from '../lib/elder.ts'
import { t } from '../lib/i18n.ts'

/**
 * The header's 长辈模式 switch: on, it says so with ✓, not only by colour. `short` (the room's
 * crowded top bar) shows 「长辈」; its name is still the whole 「长辈模式」.
 */
export function ElderSwitch(props: { short?: boolean }) {
  return (
    <button type="button" class="elder-switch" role="switch" aria-checked={elder()} aria-label={props.short ? t('elder.switch') : undefined} onClick={() => setElder(!elder())}>
      {props.short ? t('elder.switchShort') : t('elder.switch')}
    </button>
  )
}

/** 字号 大 / 特大 / 超大 (18, 24, 30 px), shown only in 长辈模式. */
export function TextSizeControl() {
  return (
    <Show when={elder()}>
      <div class="text-size" role="group" aria-label={t('elder.size')}>
        <span aria-hidden="true">{t('elder.size')}</span>
        <For each={TEXT_SIZES}>
          {(size) => (
            <button type="button" aria-pressed={textSize() === size} onClick={() => setTextSize(size)}>
              {t(`elder.size.${size}`)}
            </button>
          )}
        </For>
      </div>
    </Show>
  )
}

/**
 * On a first visit: a quiet offer in the page (never a pop-up: MIIT's elder rules forbid them).
 * `compact`: one line, for the room's dock, which must leave the video and the top bar in view.
 */
export function ElderOffer(props: { compact?: boolean }) {
  return (
    <Show when={!elderAnswered()}>
      <section class="elder-offer" classList={{ compact: props.compact }} aria-label={t('elder.switch')}>
        <p>{props.compact ? t('elder.offerShort') : t('elder.offer')}</p>
        <div class="elder-offer-actions">
          <button type="button" class="primary" onClick={() => setElder(true)}>
            {props.compact ? t('elder.switch') : t('elder.offerYes')}
          </button>
          <button type="button" onClick={() => setElder(false)}>
            {t('elder.offerNo')}
          </button>
        </div>
      </section>
    </Show>
  )
}
