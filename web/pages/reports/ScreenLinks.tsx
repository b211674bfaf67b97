import { For, Show, createSignal } from 'solid-js'
import { check } from '../../lib/check.ts'
import { show } from '../../lib/errors.ts'
import { createForm } from '../../lib/form.ts'
import { formatWhen } from '../../lib/format.ts'
import { createLoad } from '../../lib/load.ts'
import { pt } from '../../lib/page-words.ts'
import { createScreenLink, listScreenLinks, revokeScreenLink } from '../../lib/queries/reports.ts'
import { createRowAction } from '../../lib/row-action.ts'
import { FormActions } from '../../components/FormActions.tsx'
import { LoadState } from '../../components/LoadState.tsx'
import { TextField } from '../../components/TextField.tsx'
import { screenLinkBody } from '../../../schemas/screen-links.ts'
import '../../styles/pages.css'

/** The fair's read-only 大屏 links for hall screens: make one (its address shown once), list, revoke. */
export function ScreenLinks(props: { fairId: string }) {
  const links = createLoad(() => props.fairId, listScreenLinks)
  const form = createForm({ label: '' }, (v) => check(screenLinkBody, v))
  const [made, setMade] = createSignal<string | null>(null)
  const [copied, setCopied] = createSignal(false)
  const revoke = createRowAction()
  const onSubmit = (e: SubmitEvent) => {
    const checked = check(screenLinkBody, form.values)
    return form.submit(
      e,
      checked,
      async () => {
        const link = await createScreenLink(props.fairId, checked.body!.label ?? '')
        // This page's own origin: the server only knows the address it was asked on (a proxy's).
        setMade(`${location.origin}/screen/s/${link.token}`)
        setCopied(false)
        form.set({ label: '' })
        await links.refetch()
      },
      ['label'],
    )
  }
  async function copy(url: string) {
    try {
      await navigator.clipboard.writeText(url)
      setCopied(true)
    } catch {}
  }
  return (
    <section class="panel screen-links" aria-labelledby="screen-links-title" data-section="screen-links">
      <h2 id="screen-links-title">{pt('sl.title')}</h2>
      <p class="muted">{pt('sl.intro')}</p>
      <form onSubmit={onSubmit} novalidate>
        <TextField form={form} name="label" label={pt('sl.label')} hint={pt('sl.labelHint')} />
        <FormActions form={form} label={pt('sl.create')} />
      </form>
      <Show when={made()}>
        {(url) => (
          <div class="notice ok" role="status">
            <p>{pt('sl.made')}</p>
            <p class="screen-link-made">
              <code data-screen-link>{url()}</code>
            </p>
            <button type="button" onClick={() => void copy(url())}>
              {copied() ? pt('sl.copied') : pt('sl.copy')}
            </button>{' '}
            <a class="button" href={url()} target="_blank" rel="noopener">
              {pt('sl.open')}
            </a>
          </div>
        )}
      </Show>
      <Show when={links.data()} fallback={<LoadState of={links} />}>
        {(d) => (
          <Show when={d().items.length} fallback={<p class="empty">{pt('sl.none')}</p>}>
            <ul>
              <For each={d().items}>
                {(link) => (
                  <li data-link={link.id}>
                    <strong>{link.label || pt('sl.unnamed')}</strong>
                    <span class="muted">{pt('sl.madeAt', { time: formatWhen(link.createdAt) })}</span>
                    <button
                      type="button"
                      disabled={revoke.busy(link.id)}
                      onClick={async () => {
                        if (!confirm(pt('sl.revokeConfirm'))) return
                        if (await revoke.run(link.id, () => revokeScreenLink(link.id))) await links.refetch()
                      }}
                    >
                      {pt('sl.revoke')}
                    </button>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Show>
      <Show when={revoke.problem()}>
        {(p) => (
          <p class="error" role="alert">
            {show(p())}
          </p>
        )}
      </Show>
    </section>
  )
}
