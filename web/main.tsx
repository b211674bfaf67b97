import { render } from 'solid-js/web'
import { App } from './App.tsx'
import { loadMe } from './lib/session.ts'
import { startOutbox } from './lib/outbox.ts'
import { visitSrc } from './lib/share-src.ts'
import './styles.css'
import './styles/room.css'
import './styles/elder.css'
// console.css comes with the console and the dashboards (their lazy chunks), never to viewers.

void loadMe()
// The share channel (?src=) of the link that opened the app, before any in-app navigation drops it.
visitSrc()
// Applications left unsent by an earlier visit go out now (and whenever the network returns).
startOutbox()
render(() => <App />, document.getElementById('app')!)
