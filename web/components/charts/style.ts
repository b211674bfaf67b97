/**
 * Adds a stylesheet once, as a <link> to the built CSS file. The build bundles all imported CSS
 * into the one file every page loads (cssCodeSplit: false), so the dashboards bring theirs as
 * `?url` files and add them here, leaving the first load of / and /watch/:id as it was. A file,
 * not a <style> with the text: the CSP allows styles from our origin only.
 * Resolves once it applies (or failed to load: the page still works unstyled).
 */
export function addStylesheet(id: string, href: string): Promise<void> {
  const existing = document.getElementById(id) as HTMLLinkElement | null
  if (existing) return existing.sheet ? Promise.resolve() : loaded(existing)
  const el = document.createElement('link')
  el.id = id
  el.rel = 'stylesheet'
  el.href = href
  const done = loaded(el)
  document.head.append(el)
  return done
}

const loaded = (el: HTMLLinkElement) =>
  new Promise<void>((resolve) => {
    el.addEventListener('load', () => resolve(), { once: true })
    el.addEventListener('error', () => resolve(), { once: true })
  })
