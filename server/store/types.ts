/** assistant: a company's 场控, made by its recruiter (server/routes/assistants.ts). */
export type Role = 'organizer' | 'recruiter' | 'station' | 'assistant'
export type UserStatus = 'pending' | 'approved' | 'suspended'

export type UserRecord = {
  id: string
  email: string
  name: string
  role: Role
  status: UserStatus
  companyId: string | null
  town: string | null
  createdAt: string
  passwordHash: string
  /** An assistant's: the recruiter who made it; it acts only while that recruiter is approved (store/account-status.ts). */
  createdBy?: string
}
export type User = Omit<UserRecord, 'passwordHash' | 'createdBy'>

export type Company = { id: string; name: string; createdAt: string }

export type PayUnit = 'month' | 'day' | 'hour' | 'piece'
export type JobStatus = 'open' | 'closed'
export type Job = {
  id: string
  companyId: string
  status: JobStatus
  title: string
  pay: { min: number; max: number; unit: PayUnit }
  headcount: number
  location: JobLocation
  tags: string[]
  ageMin?: number
  ageMax?: number
  description?: string
  /** A skilled worker's pieces or hours a day, for the take-home estimate (schemas/take-home.ts). */
  dailyOutput?: number
  createdAt: string
  updatedAt: string
}

/**
 * Where the job is. `town` is the gazetteer's canonical name (「商水县平店乡」) with its code, and
 * lat/lng are the gazetteer's point (`coordsOf`: the town's own or only its county seat's).
 * Jobs stored before the gazetteer have a free-text `town` only (no code, no point).
 */
export type JobLocation = {
  town: string
  townCode?: string
  address?: string
  shuttle?: string
  lat?: number
  lng?: number
  coordsOf?: 'town' | 'county'
}

export type Fair = {
  id: string
  title: string
  startsAt: string
  endsAt: string
  description?: string
  createdAt: string
}

export type StreamStatus = 'scheduled' | 'live' | 'ended'
export type Stream = {
  id: string
  companyId: string
  title: string
  status: StreamStatus
  scheduledAt: string
  jobIds: string[]
  fairId: string | null
  description?: string
  createdAt: string
  updatedAt: string
  startedAt: string | null
  endedAt: string | null
}
