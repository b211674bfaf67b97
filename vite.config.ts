import { defineConfig } from 'vite'
import solid from 'vite-plugin-solid'
import { precompress } from './scripts/precompress.ts'

export default defineConfig({
  root: 'web',
  plugins: [solid(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    // One stylesheet per chunk: the console's and dashboards' CSS load with their lazy pages.
    cssCodeSplit: true,
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        // Everything the first page needs in one file: split by which lazy pages share it, the
        // same code came as three files, each with its own request, headers and worse compression.
        codeSplitting: { groups: [{ name: 'app', tags: ['$initial'] }] },
      },
    },
  },
  server: {
    proxy: { '/api': { target: 'http://127.0.0.1:8787', changeOrigin: false } },
  },
})
