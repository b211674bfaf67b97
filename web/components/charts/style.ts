/**
 * Adds a stylesheet once. The build bundles all imported CSS into the one file every page loads
 * (cssCodeSplit: false), so the dashboards bring theirs as `?inline` strings and add it here,
 * leaving the first load of / and /watch/:id as it was.
 */
export function injectCss(id: string, css: string) {
  if (document.getElementById(id)) return
  const el = document.createElement('style')
  el.id = id
  el.textContent = css
  document.head.append(el)
}
