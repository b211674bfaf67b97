import * as z from 'zod/mini'
import { pageFields } from './fields.ts'
import { email, newPassword, personName } from './accounts.ts'

// POST /api/company/assistants (a 场控 account for the recruiter's company) and its list.
// strict: a companyId in the body is refused, never honoured (the company is the recruiter's)
export const assistantBody = z.strictObject({ email, password: newPassword, name: personName })
export const assistantListQuery = z.object(pageFields)
