/**
 * What the store can refuse, in its own words; server/errors.ts maps each kind to an HTTP
 * answer in one place. The store knows nothing of HTTP.
 */
export type StoreErrorKind =
  | 'conflict' // the record changed between read and write; nothing was written
  | 'bad-cursor' // a paging cursor the store did not make
  | 'damaged-record' // a stored record the store cannot read
  | 'unavailable' // Redis is not answering

export class StoreError extends Error {
  readonly kind: StoreErrorKind
  constructor(kind: StoreErrorKind, message: string) {
    super(message)
    this.name = 'StoreError'
    this.kind = kind
  }
}

export const isStoreError = (err: unknown, kind: StoreErrorKind): err is StoreError => err instanceof StoreError && err.kind === kind
