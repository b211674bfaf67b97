import { A } from '@solidjs/router'
import { Show, type JSX } from 'solid-js'
import type { StreamStatus } from '../../lib/api.ts'
import { locale, setLocale, t } from '../../lib/i18n.ts'
import { StatusBadge } from '../../components/StatusBadge.tsx'
import { ElderSwitch } from '../../components/ElderControls.tsx'

/** Over the top of the video: back, who is hiring, the stream's title, status and audience. */
export function RoomTop(props: { title: string; company: string; status: StreamStatus; viewers: number | undefined; share?: JSX.Element }) {
  return (
    <header class="room-top">
      <A href="/" class="icon-button back" aria-label={t('common.back')}>
        ‹
      </A>
      <div class="room-title">
        <p class="room-company">{props.company}</p>
        <h1>{props.title}</h1>
      </div>
      <div class="room-meta">
        <StatusBadge status={props.status} />
        {/* Nothing until the first real figure arrives. */}
        <Show when={props.status === 'live' && props.viewers !== undefined}>
          <span class="viewers">{t('home.viewers', { n: props.viewers! })}</span>
        </Show>
      </div>
      {props.share}
      <button type="button" class="lang" lang={locale() === 'zh' ? 'en' : 'zh-CN'} aria-label={t('nav.lang')} onClick={() => setLocale(locale() === 'zh' ? 'en' : 'zh')}>
        {t('nav.langShort')}
      </button>
      <ElderSwitch short />
    </header>
  )
}
