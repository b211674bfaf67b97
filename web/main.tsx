import { render } from 'solid-js/web'
import { App } from './App.tsx'
import { loadMe } from './lib/session.ts'
import { startOutbox } from './lib/outbox.ts'
import './styles.css'
import './styles/room.css'
import './styles/console.css'

void loadMe()
// Applications left unsent by an earlier visit go out now (and whenever the network returns).
startOutbox()
render(() => <App />, document.getElementById('app')!)
