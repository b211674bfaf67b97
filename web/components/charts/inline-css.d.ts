// Vite's `?inline`: the stylesheet as a string, kept out of the single bundled CSS file.
declare module '*.css?inline' {
  const css: string
  export default css
}
