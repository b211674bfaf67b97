/**
 * Every reason an input can be refused, as a stable code (the `rule` of each item in a 400's
 * `details`), with the English sentence API clients read in `message`. The web shows its own
 * words for each code from web/i18n (`rule.<code>`; tests/unit/validation-rules.test.ts checks
 * that zh and en both have one). Schemas put the code in the zod issue's message.
 */
export const ruleMessages = {
  // accounts
  'email.invalid': 'Enter a valid email address',
  'email.taken': 'Email already registered',
  'password.tooShort': 'Password must be at least 8 characters',
  'password.required': 'Required',
  'name.required': 'Please enter your name',
  'name.tooLong': 'Name is too long',
  'companyName.tooShort': 'Company name must be at least 2 characters',
  'town.required': 'Required',
  'town.tooLong': 'Town is too long',
  'town.unknown': 'Pick a town (乡/镇/街道) from the list: this one is not in the gazetteer',
  'village.tooLong': 'Village is too long',
  // jobs, streams, fairs
  'title.tooShort': 'At least 2 characters',
  'title.tooLong': 'Title is too long',
  'description.tooLong': 'Description is too long',
  'pay.required': 'Required',
  'pay.notNumber': 'Must be a number',
  'pay.negative': 'Must be 0 or more',
  'pay.tooHigh': 'At most 1,000,000',
  'pay.order': 'Minimum pay cannot be above maximum pay',
  'headcount.required': 'Required',
  'headcount.notWhole': 'Whole number',
  'headcount.tooSmall': 'At least 1',
  'headcount.tooBig': 'At most 100,000',
  'address.tooLong': 'Address is too long',
  'shuttle.tooLong': 'Shuttle line is too long',
  'dailyOutput.notNumber': 'Must be a number',
  'dailyOutput.notPositive': 'Must be more than 0',
  'dailyOutput.notForUnit': 'Daily output is only for pay per piece or per hour',
  'dailyOutput.tooManyHours': 'At most 16 hours a day',
  'dailyOutput.estimateTooHigh': 'Top pay × daily output is over ¥2000 a day: check the numbers',
  'dailyOutput.estimateTooLow': 'Top pay × daily output is under ¥20 a day: check the numbers',
  'age.notWhole': 'Whole number',
  'age.outOfRange': 'Age must be between 16 and 80',
  'age.order': 'Minimum age cannot be above maximum age',
  'tags.tooMany': 'At most 10 tags',
  'tags.tooLong': 'At most 12 characters per tag',
  'datetime.invalid': 'Enter a valid date and time',
  'scheduledAt.tooEarly': 'This time has already passed',
  'scheduledAt.tooLate': 'Schedule at most a year ahead',
  'jobIds.none': 'Pick at least one job',
  'jobIds.tooMany': 'At most 30 jobs per stream',
  'jobIds.repeated': 'A job is listed twice',
  'jobIds.notYours': 'Not one of your jobs',
  'jobIds.closed': 'This job is closed',
  'fairId.unknown': 'No such fair',
  'endsAt.beforeStart': 'The fair must end after it starts',
  'range.order': 'from must be before to',
  // applications
  'phone.invalid': 'Enter an 11-digit mainland mobile number',
  'consent.required': 'Consent is required',
  'jobId.notInStream': 'This job is not part of this stream',
  'note.tooLong': 'Note is too long',
  'viewerId.invalid': '8–64 letters, digits, _ or -',
  'idempotencyKey.invalid': 'Use 8–64 letters, digits, - or _',
  'since.withCursor': 'Use either since or cursor',
  'receipt.invalid': 'Not a receipt this platform gave out',
  'hiringPhone.invalid': 'Enter a mainland mobile number or a landline such as 0394-1234567',
  'label.tooLong': 'At most 30 characters',
  // comments
  'comment.required': 'Write something first',
  'comment.tooLong': 'At most 100 characters',
  'comment.link': 'Links are not allowed in comments',
  'commentId.invalid': 'No such comment in this stream',
  'answer.required': 'Write the answer',
  'answer.tooLong': 'At most 200 characters',
  'word.required': 'A banned word cannot be empty',
  'word.tooLong': 'At most 30 characters per word',
  // 预约直播 (reservations)
  'reservation.streamEnded': 'This stream has ended; only upcoming streams can be reserved',
  'token.invalid': 'This link is not valid',
  'consent.sms': 'Consent to the SMS reminder is required',
  // anything
  'id.invalid': 'Use 8–64 letters, digits, - or _',
  'events.tooMany': 'At most 100 events per request',
  'src.invalid': 'Channel: org, screen, poster, viewer, st-<id> or rc-<id> (at most 40 characters)',
  'cursor.invalid': 'This cursor is not valid',
  'text.brokenCharacters': 'contains invalid characters (a broken emoji or stray surrogate)',
  'text.tooShort': 'Too short',
  'text.tooLong': 'Too long',
  'number.tooSmall': 'Too small',
  'number.tooBig': 'Too large',
  'list.tooShort': 'Too few items',
  'list.tooLong': 'Too many items',
  'field.unknown': 'Unknown field',
  'value.invalid': 'Invalid value',
} as const

export type Rule = keyof typeof ruleMessages

export const rules = Object.keys(ruleMessages) as Rule[]

export const isRule = (s: unknown): s is Rule => typeof s === 'string' && Object.hasOwn(ruleMessages, s)

/** The parts of a zod issue the rule depends on (so this file needs no zod import). */
export type IssueLike = { code: string; message: string; origin?: string; path: readonly PropertyKey[] }

/** The issue's own code when a schema named one, else a generic one from what zod says. */
export function ruleOf(issue: IssueLike): Rule {
  if (isRule(issue.message)) return issue.message
  const kind = issue.origin === 'string' ? 'text' : issue.origin === 'array' || issue.origin === 'set' ? 'list' : 'number'
  if (issue.code === 'too_small') return kind === 'text' ? 'text.tooShort' : kind === 'list' ? 'list.tooShort' : 'number.tooSmall'
  if (issue.code === 'too_big') return kind === 'text' ? 'text.tooLong' : kind === 'list' ? 'list.tooLong' : 'number.tooBig'
  if (issue.code === 'unrecognized_keys') return 'field.unknown'
  return 'value.invalid'
}

/** One refused field: its path, its rule, and the zod issue code (kept for existing clients). */
export type Problem = { path: string[]; rule: Rule; code?: string }

export const problemsOf = (issues: readonly IssueLike[]): Problem[] =>
  issues.map((i) => ({ path: i.path.map(String), rule: ruleOf(i), code: i.code }))
