import { render } from 'solid-js/web'
import { App } from './App.tsx'
import { loadMe } from './lib/session.ts'
import './styles.css'

void loadMe()
render(() => <App />, document.getElementById('app')!)
