import type { ClientResponse } from 'hono/client'
import { asFailure, call } from './api.ts'

/**
 * Downloads a CSV answer as a file, reporting bytes received as they arrive, then hands the
 * browser a Blob to save. Failures throw ApiFailure like every other call.
 */
export async function downloadCsv(req: Promise<ClientResponse<unknown, number, string>>, fallbackName: string, onProgress: (bytes: number, total: number | null) => void): Promise<number> {
  let res: Response
  try {
    res = (await req) as unknown as Response
  } catch (e) {
    throw asFailure(e)
  }
  if (!res.ok) await call(Promise.resolve(res as unknown as ClientResponse<unknown, 200, string>))
  const total = Number(res.headers.get('Content-Length')) || null
  const chunks: Uint8Array[] = []
  let bytes = 0
  onProgress(0, total)
  try {
    const reader = res.body!.getReader()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      chunks.push(value)
      bytes += value.byteLength
      onProgress(bytes, total)
    }
  } catch (e) {
    throw asFailure(e)
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? fallbackName
  const url = URL.createObjectURL(new Blob(chunks as BlobPart[], { type: 'text/csv;charset=utf-8' }))
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
  return bytes
}
