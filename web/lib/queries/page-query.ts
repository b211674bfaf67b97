/** The list query's `limit`, plus `cursor` past the first page. */
export const pageQuery = (limit: number, cursor?: string) => ({ limit: String(limit), ...(cursor ? { cursor } : {}) })
