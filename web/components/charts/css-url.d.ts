// Vite: `import href from './x.css?url'` emits the stylesheet as a file and gives its URL.
declare module '*.css?url' {
  const href: string
  export default href
}
