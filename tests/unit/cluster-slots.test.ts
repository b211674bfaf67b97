import { describe, expect, it } from 'vitest'
import slotOf from 'cluster-key-slot'
import { keys, applicationId, streamOfApplication } from '../../server/store/keys.ts'
import { foldKeys } from '../../server/counting/fold.ts'
import { foldScript } from '../../server/counting/fold.lua.ts'
import { sampleKeys } from '../../server/counting/sample.ts'
import { sampleScript } from '../../server/counting/sample.lua.ts'
import { phoneKeys, statusKeys, storeKeys } from '../../server/store/applications.ts'
import { createApplicationScript } from '../../server/store/create-application.lua.ts'
import { claimPhoneScript, confirmPhoneScript, releasePhoneScript } from '../../server/store/claim-phone.lua.ts'
import { setApplicationStatusScript } from '../../server/store/set-application-status.lua.ts'
import { accountKeys } from '../../server/store/users.ts'
import { createAccountScript } from '../../server/store/create-account.lua.ts'
import type { Script } from '../../server/lib/lua.ts'
import { createReservationScript } from '../../server/reminders/create-reservation.lua.ts'
import { unsubscribeScript } from '../../server/reminders/unsubscribe.lua.ts'
import { reservationKeys, unsubscribeKeys } from '../../server/reminders/store.ts'
import { addCommentScript } from '../../server/comments/add-comment.lua.ts'
import { commentKeys } from '../../server/comments/store.ts'

// Redis Cluster runs a script only when all its keys hash to one slot (else CROSSSLOT): every
// script, called with the keys its caller builds, must touch a single slot.
const slots = <K extends string>(script: Script<K, string>, built: Record<K, string>) => new Set(script.keyNames.map((k) => slotOf(built[k])))

describe('every Lua script touches one Cluster slot', () => {
  const stream = '01JABCDEFGHJKMNPQRSTVWXYZ0'
  const job = '01JZZZZZZZZZZZZZZZZZZZZZZ9'
  const app = applicationId(stream, '01JAAAAAAAAAAAAAAAAAAAAAAA')

  it.each([
    ['fold', () => slots(foldScript, foldKeys(stream, Date.now()))],
    ['sample', () => slots(sampleScript, sampleKeys(stream))],
    ['store an application', () => slots(createApplicationScript, storeKeys(stream, app, 'idem-key-1'))],
    ['claim a phone', () => slots(claimPhoneScript, phoneKeys(job))],
    ['confirm a phone', () => slots(confirmPhoneScript, phoneKeys(job))],
    ['release a phone', () => slots(releasePhoneScript, phoneKeys(job))],
    ['move a status', () => slots(setApplicationStatusScript, statusKeys(app, stream))],
    ['add a comment', () => slots(addCommentScript, commentKeys(stream))],
    ['reserve a stream', () => slots(createReservationScript, reservationKeys(stream, applicationId(stream, 'R1')))],
    ['unsubscribe', () => slots(unsubscribeScript, unsubscribeKeys(applicationId(stream, 'R1')))],
    ['create an account', () => slots(createAccountScript, accountKeys({ id: 'U1', role: 'recruiter', status: 'pending' }, 'C1'))],
  ])('%s', (_name, slotsOf) => {
    expect(slotsOf().size).toBe(1)
  })

  it('an application lives in its stream’s slot, found from its id alone', () => {
    expect(streamOfApplication(app)).toBe(stream)
    expect(slotOf(keys.application(app))).toBe(slotOf(keys.stream(stream)))
  })

  it('the catalog is one slot: accounts, sessions, jobs and their indexes, stream indexes, totals', () => {
    const catalog = [keys.user('U'), keys.userIdByEmail(), keys.session('T'), keys.userSessions('U'), keys.company('C'), keys.companies(), keys.job(job), keys.jobs('open'), keys.jobs('all', 'C'), keys.jobPhones(job), keys.jobStreams(job), keys.fair('F'), keys.fairs(), keys.streams('live'), keys.streams('ended', { fairId: 'F' }), keys.reportsPending(), keys.totals()]
    expect(new Set(catalog.map((k) => slotOf(k))).size).toBe(1)
  })

  it('streams spread over slots (the busy paths scale out)', () => {
    const many = Array.from({ length: 50 }, (_, i) => slotOf(keys.streamCounters(`stream-${i}`)))
    expect(new Set(many).size).toBeGreaterThan(40)
  })
})
