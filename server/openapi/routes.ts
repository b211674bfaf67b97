import { Hono } from 'hono'
import type { AppEnv } from '../context.ts'
import { notFound } from '../errors.ts'
import { buildDocument } from './document.ts'
import { docsPage, docsStart } from './docs-page.ts'
import { docsAsset } from './docs-assets.ts'

/**
 * GET /openapi.json, /docs and the docs' files, mounted at /api. `documented` returns the app
 * to describe (the one these routes are mounted in, complete only once it is built), so the
 * document is made on the first request and kept.
 */
export function apiDocs(documented: () => Hono<any, any, any>) {
  let document: ReturnType<typeof buildDocument> | undefined
  return new Hono<AppEnv>()
    .get('/openapi.json', async (c) => {
      document ??= buildDocument(documented()).catch((err) => {
        document = undefined // a broken document is a bug to fix, not an answer to keep
        throw err
      })
      c.header('Cache-Control', 'no-cache')
      return c.json((await document) as object, 200)
    })
    .get('/docs', (c) => c.html(docsPage, 200))
    .get('/docs/:file', async (c) => {
      const file = c.req.param('file')
      if (file === 'start.js') return c.body(docsStart, 200, { 'Content-Type': 'application/javascript; charset=utf-8' })
      const asset = await docsAsset(file)
      if (!asset) throw notFound('File')
      return c.body(asset.body as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': asset.type, 'Cache-Control': 'public, max-age=86400' })
    })
}
