// npm run bench [section…] — figures and ratios against a baseline measured in the same run.
// The machine is shared and noisy: each case alternates with its baseline and we quote medians.
import { benchListing } from './listing.ts'
import { benchSse } from './sse.ts'
import { benchEvents } from './events.ts'
import { benchVideo } from './video.ts'
import { benchCluster } from './cluster.ts'
import { benchChat } from './chat.ts'

const sections: Record<string, () => Promise<void>> = {
  listing: benchListing,
  sse: benchSse,
  events: benchEvents,
  video: benchVideo,
  cluster: benchCluster,
  chat: benchChat,
}

const wanted = process.argv.slice(2)
for (const [name, run] of Object.entries(sections)) {
  if (wanted.length && !wanted.includes(name)) continue
  console.log(`\n## ${name}`)
  await run()
}
