import { defineScript } from '../lib/lua.ts'

// Claims the email in the uniqueness hash, then writes the records and indexes — all or
// nothing. Everything that could fail is checked before the claim: an error after it would
// leave the email taken by no account. K.company and K.statusIndex are written only when
// there is a company (A.companyJson) and the account is a recruiter (A.recruiter); K.assistants
// only for an assistant joining an existing company (A.assistant).
export const createAccountScript = defineScript({
  keys: ['byEmail', 'user', 'roleIndex', 'statusIndex', 'company', 'companies', 'assistants'],
  args: ['email', 'userId', 'userJson', 'score', 'recruiter', 'companyId', 'companyJson', 'assistant'],
  source: `
if not tonumber(A.score) then return redis.error_reply('ERR account index score is not a number') end
if redis.call('HSETNX', K.byEmail, A.email, A.userId) == 0 then return 0 end
redis.call('SET', K.user, A.userJson)
redis.call('ZADD', K.roleIndex, A.score, A.userId)
if A.recruiter ~= '' then redis.call('ZADD', K.statusIndex, A.score, A.userId) end
if A.assistant ~= '' then redis.call('ZADD', K.assistants, A.score, A.userId) end
if A.companyJson ~= '' then
  redis.call('SET', K.company, A.companyJson)
  redis.call('ZADD', K.companies, A.score, A.companyId)
end
return 1`,
})
