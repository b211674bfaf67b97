// Vite plugin: writes `<file>.br` and `<file>.gz` beside each text file of the web build, so the
// Node server sends them as they are (serveStatic `precompressed`) instead of compressing on
// every request. Brotli at its best level is too slow to do per request; once at build it is free.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import type { Plugin } from 'vite'

const TEXT = /\.(?:js|mjs|css|html|svg|json|txt|xml|webmanifest)$/
/** Below this a compressed copy saves less than its own headers cost. */
const MIN_BYTES = 512

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]))

/** Compresses one file both ways; a copy is kept only where it is smaller than the original. */
export function precompressFile(path: string) {
  const raw = readFileSync(path)
  if (raw.length < MIN_BYTES) return
  const br = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } })
  const gz = gzipSync(raw, { level: 9 })
  if (br.length < raw.length) writeFileSync(`${path}.br`, br)
  if (gz.length < raw.length) writeFileSync(`${path}.gz`, gz)
}

export function precompress(): Plugin {
  let outDir = ''
  return {
    name: 'precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir)
    },
    // After every file is written (index.html included).
    closeBundle() {
      for (const path of files(outDir)) if (TEXT.test(path)) precompressFile(path)
    },
  }
}
