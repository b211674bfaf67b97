import type { Context } from 'hono'
import { stringify } from 'csv-stringify/sync'

/**
 * A CSV download that opens in Excel: UTF-8 with a BOM, CRLF rows, and cells that would run
 * as formulas (= + - @) turned into text.
 */
export function csvResponse(c: Context, filename: string, columns: string[], rows: (string | number)[][]) {
  const csv = stringify(rows, {
    header: true,
    columns,
    record_delimiter: 'windows',
    cast: { string: (v) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v) },
  })
  c.header('Content-Type', 'text/csv; charset=utf-8')
  c.header('Content-Disposition', `attachment; filename="${filename}"`)
  return c.body(`\uFEFF${csv}`)
}
