import { createSignal } from 'solid-js'
import { asFailure, type Me, type Role } from './api.ts'
import { loadMe as getMe, logout as signOut } from './queries/accounts.ts'

/** undefined = still asking the server; null = signed out. */
const [me, setMe] = createSignal<Me | null | undefined>(undefined)
export { me, setMe }

export async function loadMe(): Promise<Me | null> {
  try {
    const next = await getMe()
    setMe(next)
    return next
  } catch (e) {
    const f = asFailure(e)
    // Signed out, or the server is unreachable: either way nobody is signed in here.
    setMe(null)
    if (f.status !== 401) console.warn('GET /api/me failed:', f.code)
    return null
  }
}

export async function logout() {
  try {
    await signOut()
  } finally {
    setMe(null)
  }
}

/** Where each role lands after signing in. */
export const homeOf = (role: Role) => (role === 'organizer' ? '/admin' : role === 'recruiter' || role === 'assistant' ? '/studio' : '/')
