import { A, useNavigate } from '@solidjs/router'
import { Show, createSignal } from 'solid-js'
import { locale, setLocale, t } from '../lib/i18n.ts'
import { logout, me } from '../lib/session.ts'
import { mine } from '../lib/my-applications.ts'
import { ElderSwitch, TextSizeControl } from './ElderControls.tsx'

export function Header() {
  const navigate = useNavigate()
  const [leaving, setLeaving] = createSignal(false)
  const role = () => me()?.user.role
  async function onLogout() {
    setLeaving(true)
    try {
      await logout()
    } catch {
      // The session is forgotten locally either way.
    } finally {
      setLeaving(false)
      navigate('/')
    }
  }
  return (
    <header class="top">
      <A href="/" class="brand" end>
        {t('app.name')}
      </A>
      <nav aria-label={t('nav.home')}>
        <Show when={role() === 'recruiter' || role() === 'assistant'}>
          <A href="/studio">{t('nav.studio')}</A>
        </Show>
        <Show when={role() === 'organizer'}>
          <A href="/admin">{t('nav.admin')}</A>
        </Show>
        <Show when={role() === 'station'}>
          <A href="/station">{t('nav.station')}</A>
        </Show>
        <Show when={mine().length > 0}>
          <A href="/me/applications">{t('nav.mine')}</A>
        </Show>
        <button type="button" class="lang" lang={locale() === 'zh' ? 'en' : 'zh-CN'} aria-label={t('nav.lang')} onClick={() => setLocale(locale() === 'zh' ? 'en' : 'zh')}>
          {t('nav.langShort')}
        </button>
        <ElderSwitch />
        <TextSizeControl />
        <Show when={me() !== undefined}>
          <Show when={me()} fallback={<A href="/login">{t('nav.login')}</A>}>
            {(m) => (
              <>
                <span class="who">{t('nav.signedInAs', { name: m().user.name })}</span>
                <button type="button" onClick={onLogout} disabled={leaving()}>
                  {t('nav.logout')}
                </button>
              </>
            )}
          </Show>
        </Show>
      </nav>
    </header>
  )
}
