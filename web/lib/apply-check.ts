import { applyBody } from '../../schemas/applications.ts'
import { check } from './check.ts'

/**
 * The apply form's check: the server's schema. Its own module so the live room can load it
 * (and zod) when the sheet opens, keeping both out of the viewer's first load.
 */
export const checkApply = (candidate: unknown) => check(applyBody, candidate)
