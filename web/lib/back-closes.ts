import { createEffect, on, onCleanup, type Accessor } from 'solid-js'

// The phone's back gesture (history back) closes the topmost sheet or drawer instead of leaving
// the room with what was typed: opening one pushes a history entry for the same address, back
// pops it and closes it; closing it another way (×, the backdrop, done) pops that entry too.

type Entry = { close: () => void }
const stack: Entry[] = []
let ignorePops = 0 // our own history.back() calls: their popstate closes nothing more
let users = 0

function onPop() {
  if (ignorePops > 0) return void ignorePops--
  stack.pop()?.close()
}

/** While `open()` is true, history back calls `close` (which must make `open()` false). Call inside a component. */
export function closeOnBack(open: Accessor<boolean>, close: () => void) {
  const entry: Entry = { close }
  if (users++ === 0) window.addEventListener('popstate', onPop)
  createEffect(
    on(open, (isOpen) => {
      const at = stack.indexOf(entry)
      if (isOpen && at < 0) {
        stack.push(entry)
        // Keep the router's own fields (its _depth counts entries), one deeper.
        const state = (history.state ?? {}) as { _depth?: number }
        history.pushState({ ...state, _depth: (state._depth ?? 0) + 1, sheet: true }, '')
      } else if (!isOpen && at >= 0) {
        stack.splice(at, 1)
        ignorePops++
        history.back()
      }
    }),
  )
  onCleanup(() => {
    // Leaving the page with it open: the entry stays behind in history, harmless (same address).
    const at = stack.indexOf(entry)
    if (at >= 0) stack.splice(at, 1)
    if (--users === 0) window.removeEventListener('popstate', onPop)
  })
}
