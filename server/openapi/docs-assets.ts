import { readFile } from 'node:fs/promises'

// Swagger UI's files from the installed package (swagger-ui-dist, pinned in package.json), read
// once each. Only these names: the route's :file is never a path.
const FILES = { 'swagger-ui-bundle.js': 'application/javascript; charset=utf-8', 'swagger-ui.css': 'text/css; charset=utf-8' } as const
// Resolved at first use: in the Workers build import.meta.url is no base a URL can be made on.
const fileUrl = (name: string) => new URL(`../../node_modules/swagger-ui-dist/${name}`, import.meta.url)
const cache = new Map<string, Promise<Uint8Array>>()

/** The file and its type, or null when it is not one of ours or cannot be read (the Workers build has no node_modules). */
export async function docsAsset(name: string): Promise<{ body: Uint8Array; type: string } | null> {
  if (!Object.hasOwn(FILES, name)) return null
  try {
    let read = cache.get(name)
    if (!read) cache.set(name, (read = readFile(fileUrl(name)).then((b) => new Uint8Array(b))))
    return { body: await read, type: FILES[name as keyof typeof FILES] }
  } catch {
    cache.delete(name)
    return null
  }
}
