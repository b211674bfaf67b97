// Well-formed UTF-16: no lone surrogate ("\ud800", half an emoji). JSON can carry one as an
// escape, JS strings hold it, but Redis's cjson refuses to decode it and UTF-8 cannot encode it.

// String.prototype.isWellFormed / toWellFormed exist on Node 20 and workerd (ES2024); the
// project's TypeScript lib is ES2023, hence the cast.
type WellFormedString = { isWellFormed(): boolean; toWellFormed(): string }

export const isWellFormed = (s: string) => (s as unknown as WellFormedString).isWellFormed()

/** Each lone surrogate becomes U+FFFD, as a UTF-8 encoder would write it. */
export const toWellFormed = (s: string) => (s as unknown as WellFormedString).toWellFormed()

type Visit = { value: unknown; key: string; parent: Visit | null }

const pathOf = (v: Visit | null): string[] => {
  const path: string[] = []
  for (let at = v; at && at.parent; at = at.parent) path.push(at.key)
  return path.reverse()
}

/**
 * The path of the first string or key in `value` that is not well-formed, or null.
 * Iterative with parent links: a 64 KiB body can nest ~30 000 levels deep.
 */
export function illFormedPath(value: unknown): string[] | null {
  const stack: Visit[] = [{ value, key: '', parent: null }]
  while (stack.length) {
    const at = stack.pop()!
    if (typeof at.value === 'string') {
      if (!isWellFormed(at.value)) return pathOf(at)
      continue
    }
    if (at.value === null || typeof at.value !== 'object') continue
    const entries = Object.entries(at.value)
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i]!
      if (!isWellFormed(key)) return [...pathOf(at), toWellFormed(key)]
      stack.push({ value: child, key, parent: at })
    }
  }
  return null
}
