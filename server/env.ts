import { z } from 'zod'
import type { RedisTarget } from './store/redis.ts'
import { smsBudgetProblem } from './reminders/text.ts'

const flag = z
  .union([z.boolean(), z.string()])
  .transform((v) => (typeof v === 'boolean' ? v : !['0', 'false', 'no', 'off', ''].includes(v.toLowerCase())))

export const PROXY_HEADERS = ['x-forwarded-for', 'x-real-ip', 'cf-connecting-ip'] as const
export type TrustProxy = 'off' | (typeof PROXY_HEADERS)[number]

// Legacy 1/true meant X-Forwarded-For.
const trustProxy = z
  .union([z.boolean(), z.string()])
  .transform((v) => (typeof v === 'boolean' ? (v ? 'x-forwarded-for' : 'off') : v.trim().toLowerCase()))
  .transform((v) => (['0', 'false', 'no', 'off', ''].includes(v) ? 'off' : ['1', 'true', 'yes', 'on'].includes(v) ? 'x-forwarded-for' : v))
  .pipe(z.enum(['off', ...PROXY_HEADERS], { message: `Use off, ${PROXY_HEADERS.join(', ')}` }))

// host:port,host:port — seed nodes of a Redis Cluster; the client learns the rest from them.
const clusterNodes = z
  .string()
  .transform((v) => v.split(',').map((n) => n.trim()).filter(Boolean))
  .pipe(
    z
      .array(z.string().regex(/^[^\s:]+:\d{1,5}$/, 'Use host:port,host:port,…').transform((n) => ({ host: n.slice(0, n.lastIndexOf(':')), port: Number(n.slice(n.lastIndexOf(':') + 1)) })))
      .min(1, 'Name at least one seed node'),
  )

const originList = z
  .string()
  .transform((v) => v.split(',').map((o) => o.trim()).filter(Boolean))
  .pipe(z.array(z.string().url().transform((o) => new URL(o).origin)))

/** One schema for all configuration; secrets come only from the environment. */
export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  REDIS_URL: z.string().url().optional(),
  // Redis Cluster seed nodes; when set, REDIS_URL is not used.
  REDIS_CLUSTER_NODES: clusterNodes.optional(),
  // Replicas that must hold an application before it is acknowledged (WAIT). Unset: 1 on a
  // cluster (each primary has a replica), 0 on one Redis. REDIS_WAIT_TIMEOUT_MS bounds the wait (then 503).
  REDIS_WAIT_REPLICAS: z.coerce.number().int().min(0).optional(),
  REDIS_WAIT_TIMEOUT_MS: z.coerce.number().int().positive().default(1000),
  LIVEKIT_URL: z.string().url().optional(),
  LIVEKIT_API_KEY: z.string().min(1).optional(),
  LIVEKIT_API_SECRET: z.string().min(1).optional(),
  // A viewer's join token; LiveKit refreshes it on the open connection, so this only bounds
  // how long a token handed out (and perhaps leaked) can open a new one.
  LIVEKIT_VIEWER_TOKEN_TTL_SECONDS: z.coerce.number().int().min(1).max(24 * 3600).default(15 * 60),
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
  // Comments per minute: loose per address (NAT), tight per device; slow mode is the host's on top.
  COMMENT_RATE_LIMIT_IP: z.coerce.number().int().positive().default(300),
  COMMENT_RATE_LIMIT_VIEWER: z.coerce.number().int().positive().default(12),
  // Beacons: a viewer sends a beat every 15 s plus card impressions; many share one address.
  EVENTS_RATE_LIMIT_IP: z.coerce.number().int().positive().default(3000),
  EVENTS_RATE_LIMIT_VIEWER: z.coerce.number().int().positive().default(120),
  // Audience: new sessions one address may start per stream per minute (docs/counting.md).
  // A village hall or a mobile carrier's shared address (CGNAT) puts many real viewers behind
  // one address, but they arrive over minutes; a script starting thousands of sessions does not.
  // Sessions over the budget are admitted later, when the address is under it again.
  AUDIENCE_NEW_SESSIONS_PER_IP: z.coerce.number().int().min(0).default(60),
  REGISTER_RATE_LIMIT: z.coerce.number().int().positive().default(20),
  // Which proxy header names the client (rate limits, SSE caps); off: the socket's address.
  // A header the proxy does not overwrite is client-controlled, so name only the one yours sets.
  TRUST_PROXY: trustProxy.default('off'),
  // Origins besides the request's own that may send mutating requests (a separate front end).
  ALLOWED_ORIGINS: originList.default([]),
  // Live overlay push (SSE) per client address and per API process; beyond either the viewer
  // polls GET /live. Per address: a village hall or CGNAT shares one address, so keep it loose.
  // Per process: unset = half the process's open-file limit, at most 10 000 (what bench/sse measured).
  SSE_MAX_PER_IP: z.coerce.number().int().positive().default(50),
  SSE_MAX_CONNECTIONS: z.coerce.number().int().positive().optional(),
  DATA_DIR: z.string().default('.data'),
  // The embedded default runs the workers in the API process; 0 leaves them to `npm run workers`
  // (own process, own core: the API's event loop then carries requests only).
  IN_PROCESS_WORKERS: flag.default(true),
  // pino's levels. Unset: info on Node (one access line per request); warn in the runtime-agnostic
  // console fallback (Workers, where Cloudflare already logs every request).
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  // Bearer token for GET /metrics (Node only). Unset: the endpoint answers 404, as if absent.
  METRICS_TOKEN: z.string().min(16, 'Use at least 16 characters').optional(),
  // 预约直播: reservations per minute per address (loose: CGNAT) and per phone per hour (each one
  // can send that phone an SMS, so a stranger cannot flood someone's phone through many streams).
  RESERVE_RATE_LIMIT_IP: z.coerce.number().int().positive().default(60),
  RESERVE_RATE_LIMIT_PHONE: z.coerce.number().int().positive().default(10),
  // The site's public address, for links in SMS reminders (never taken from a request's Host).
  PUBLIC_URL: z.string().url().transform((u) => new URL(u).origin).default('http://localhost:8787'),
  // SMS reminders: log writes each message as a JSON line with the phone masked (development,
  // tests); aliyun / tencent send through their SDKs (workers only) with the variables below.
  SMS_PROVIDER: z.enum(['log', 'aliyun', 'tencent']).default('log'),
  SMS_SIGN_NAME: z.string().min(2).max(12).default('直播带岗'),
  // The log provider hides each message's unsubscribe code (a secret) unless this is on (development: to click the link).
  SMS_LOG_LINKS: flag.default(false),
  ALIYUN_SMS_ACCESS_KEY_ID: z.string().min(1).optional(),
  ALIYUN_SMS_ACCESS_KEY_SECRET: z.string().min(1).optional(),
  ALIYUN_SMS_TEMPLATE_CODE: z.string().min(1).optional(),
  ALIYUN_SMS_ENDPOINT: z.string().min(1).default('dysmsapi.aliyuncs.com'),
  TENCENT_SMS_SECRET_ID: z.string().min(1).optional(),
  TENCENT_SMS_SECRET_KEY: z.string().min(1).optional(),
  TENCENT_SMS_SDK_APP_ID: z.string().min(1).optional(),
  TENCENT_SMS_TEMPLATE_ID: z.string().min(1).optional(),
  TENCENT_SMS_REGION: z.string().min(1).default('ap-guangzhou'),
  TENCENT_SMS_ENDPOINT: z.string().min(1).default('sms.tencentcloudapi.com'),
}).superRefine((c, ctx) => {
  // The chosen SMS provider's credentials must all be there, and a reminder must fit one SMS.
  const needs = { log: [], aliyun: ['ALIYUN_SMS_ACCESS_KEY_ID', 'ALIYUN_SMS_ACCESS_KEY_SECRET', 'ALIYUN_SMS_TEMPLATE_CODE'], tencent: ['TENCENT_SMS_SECRET_ID', 'TENCENT_SMS_SECRET_KEY', 'TENCENT_SMS_SDK_APP_ID', 'TENCENT_SMS_TEMPLATE_ID'] } as const
  for (const name of needs[c.SMS_PROVIDER]) if (!c[name]) ctx.addIssue({ code: 'custom', path: [name], message: `Required when SMS_PROVIDER=${c.SMS_PROVIDER}` })
  const budget = smsBudgetProblem(c.SMS_SIGN_NAME, c.PUBLIC_URL)
  if (budget) ctx.addIssue({ code: 'custom', path: ['PUBLIC_URL'], message: budget })
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

/** The one place that decides Redis vs Redis Cluster; undefined: the embedded default (find or spawn). */
export const redisTargetOf = (c: Config): RedisTarget | undefined =>
  c.REDIS_CLUSTER_NODES ? { clusterNodes: c.REDIS_CLUSTER_NODES } : c.REDIS_URL ? { url: c.REDIS_URL } : undefined

export const waitReplicasOf = (c: Config) => c.REDIS_WAIT_REPLICAS ?? (c.REDIS_CLUSTER_NODES ? 1 : 0)

export const livekitEnabled = (c: Config) => Boolean(c.LIVEKIT_URL && c.LIVEKIT_API_KEY && c.LIVEKIT_API_SECRET)
