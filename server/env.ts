import { z } from 'zod'

const flag = z
  .union([z.boolean(), z.string()])
  .transform((v) => (typeof v === 'boolean' ? v : !['0', 'false', 'no', 'off', ''].includes(v.toLowerCase())))

/** One schema for all configuration; secrets come only from the environment. */
export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  REDIS_URL: z.string().url().optional(),
  LIVEKIT_URL: z.string().url().optional(),
  LIVEKIT_API_KEY: z.string().min(1).optional(),
  LIVEKIT_API_SECRET: z.string().min(1).optional(),
  ORGANIZER_EMAIL: z.string().email().default('organizer@example.com'),
  ORGANIZER_PASSWORD: z.string().min(8).optional(),
  ORGANIZER_NAME: z.string().min(1).default('零工市场管理员'),
  DEMO: flag.default(true),
  SESSION_TTL_SECONDS: z.coerce.number().int().positive().default(7 * 24 * 3600),
  COOKIE_SECURE: flag.default(false),
  LOGIN_RATE_LIMIT: z.coerce.number().int().positive().default(10),
  // Carrier-grade NAT puts many villagers behind one address: the per-address limit is loose,
  // the per-device one tight.
  APPLY_RATE_LIMIT_IP: z.coerce.number().int().positive().default(120),
  APPLY_RATE_LIMIT_VIEWER: z.coerce.number().int().positive().default(10),
  // Beacons: a viewer sends a beat every 15 s plus card impressions; many share one address.
  EVENTS_RATE_LIMIT_IP: z.coerce.number().int().positive().default(3000),
  EVENTS_RATE_LIMIT_VIEWER: z.coerce.number().int().positive().default(120),
  REGISTER_RATE_LIMIT: z.coerce.number().int().positive().default(20),
  TRUST_PROXY: flag.default(false),
  DATA_DIR: z.string().default('.data'),
  // The embedded default runs the workers in the API process; 0 leaves them to `npm run workers`
  // (own process, own core: the API's event loop then carries requests only).
  IN_PROCESS_WORKERS: flag.default(true),
})

export type Config = z.infer<typeof configSchema>

export function loadConfig(source: Record<string, unknown>): Config {
  const parsed = configSchema.safeParse(source)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`)
  }
  return parsed.data
}

export const livekitEnabled = (c: Config) => Boolean(c.LIVEKIT_URL && c.LIVEKIT_API_KEY && c.LIVEKIT_API_SECRET)
