import type { Hono } from 'hono'
import { generateSpecs, resolver } from 'hono-openapi'
import type { OpenAPIV3_1 } from 'openapi-types'
import type * as z from 'zod/mini'
import { errorCodes, type ErrorCode } from '../errors.ts'
import { SESSION_COOKIE } from '../middleware/session.ts'
import { errorBody, responses } from '../../schemas/responses.ts'
import { operations, type Operation } from './operations.ts'

type Doc = OpenAPIV3_1.Document
type Op = OpenAPIV3_1.OperationObject

/** Errors any /api operation can give: Redis down (the session is read from it) or a bug. */
const EVERYWHERE: ErrorCode[] = ['REDIS_UNAVAILABLE', 'INTERNAL']
/** …and any write: refused from another site, a body too large or not JSON (server/middleware/). */
const ON_WRITES: ErrorCode[] = ['FORBIDDEN', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE']

const honoPathOf = (openapiPath: string) => openapiPath.replace(/\{([^}]+)\}/g, ':$1')

/** A zod schema as OpenAPI 3.1 JSON Schema, via hono-openapi's Standard Schema resolver (zod/mini included). */
async function jsonSchemaOf(schema: z.ZodMiniType, io: 'input' | 'output') {
  const { schema: out } = await resolver(schema as never, { options: { io } } as never).toOpenAPISchema()
  return out
}

function securityOf(auth: Operation['auth']): OpenAPIV3_1.SecurityRequirementObject[] {
  if (auth === 'public') return []
  if (auth === 'optional') return [{}, { session: [] }]
  return [{ session: auth === 'signed-in' ? [] : auth }]
}

function authText(op: Operation): string {
  const who =
    op.auth === 'public' ? 'No session needed.' : op.auth === 'optional' ? 'A session is optional.' : op.auth === 'signed-in' ? 'Signed in (any role).' : `Signed in as: ${op.auth.join(' or ')}.`
  return [who, op.who].filter(Boolean).join(' ')
}

async function successOf(kind: NonNullable<Operation['ok'][number]>): Promise<OpenAPIV3_1.ResponseObject> {
  const text = (type: string, description: string) => ({ description, content: { [type]: { schema: { type: 'string' as const } } } })
  switch (kind) {
    case 'empty':
      return { description: 'No body' }
    case 'csv':
      return text('text/csv', 'CSV, UTF-8 with a byte-order mark (opens in Excel)')
    case 'event-stream':
      return text('text/event-stream', 'Server-Sent Events: one `state` event per overlay change')
    case 'html':
      return text('text/html', 'An HTML page')
    case 'asset':
      return { description: 'A script or stylesheet', content: { 'application/javascript': { schema: { type: 'string' } }, 'text/css': { schema: { type: 'string' } } } }
    case 'calendar':
      return text('text/calendar', 'An iCalendar (RFC 5545) file with one event')
    case 'png':
      return { description: 'A PNG image', content: { 'image/png': { schema: { type: 'string', contentMediaType: 'image/png' } } } }
    case 'openapi':
      return { description: 'OpenAPI 3.1 document', content: { 'application/json': { schema: { type: 'object' } } } }
    default:
      return { description: kind, content: { 'application/json': { schema: await jsonSchemaOf(responses[kind], 'output') } } }
  }
}

/** One response per status, its schema naming exactly the codes this operation can answer with. */
async function errorResponses(codes: ErrorCode[]): Promise<Record<string, OpenAPIV3_1.ResponseObject>> {
  const byStatus = new Map<number, ErrorCode[]>()
  for (const code of new Set(codes)) byStatus.set(errorCodes[code], [...(byStatus.get(errorCodes[code]) ?? []), code])
  const out: Record<string, OpenAPIV3_1.ResponseObject> = {}
  for (const [status, list] of byStatus) {
    out[status] = { description: list.join(', '), content: { 'application/json': { schema: await jsonSchemaOf(errorBody(list as [ErrorCode, ...ErrorCode[]]), 'output') } } }
  }
  return out
}

async function describe(key: string, generated: Op, op: Operation): Promise<Op> {
  const method = key.split(' ')[0]!
  const requestBody = op.body
    ? { required: true, content: Object.fromEntries(await Promise.all(op.body.types.map(async (t) => [t, { schema: await jsonSchemaOf(op.body!.schema, 'input') }] as const))) }
    : generated.requestBody
  const writes = ['POST', 'PATCH', 'PUT', 'DELETE'].includes(method)
  const isApi = !key.startsWith('GET /api/health')
  const codes = [...op.errors, ...(isApi ? EVERYWHERE : ['INTERNAL' as const]), ...(writes ? ON_WRITES : []), ...(requestBody ? (['MALFORMED_JSON'] as const) : [])]
  const ok = Object.fromEntries(await Promise.all(Object.entries(op.ok).map(async ([status, kind]) => [status, await successOf(kind!)] as const)))
  const headers = (op.headers ?? []).map((h) => ({ in: 'header' as const, name: h.name, description: h.description, required: false, schema: { type: 'string' as const } }))
  return {
    operationId: generated.operationId,
    summary: op.summary,
    description: authText(op),
    tags: [op.tag],
    security: securityOf(op.auth),
    ...(generated.parameters || headers.length ? { parameters: [...(generated.parameters ?? []), ...headers] } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses: { ...(await errorResponses(codes)), ...ok },
  }
}

/**
 * The OpenAPI 3.1 document of `app`: hono-openapi walks its routes and reads each validator's
 * zod schema (server/lib/validate.ts); operations.ts adds who may call, what comes back and
 * which errors. Throws when a route has no entry there, or an entry no route.
 */
export async function buildDocument(app: Hono<any, any, any>): Promise<Doc> {
  const generated = await generateSpecs(app, {
    includeEmptyPaths: true, // routes without a validator are routes too
    excludeStaticFile: false, // …even when they end in .json or .csv
    defaultValidationErrorResponse: false, // ours are added from errorCodes
  })
  const paths: OpenAPIV3_1.PathsObject = {}
  const seen = new Set<string>()
  for (const [path, item] of Object.entries(generated.paths ?? {})) {
    for (const [method, generatedOp] of Object.entries(item ?? {}) as [string, Op][]) {
      const key = `${method.toUpperCase()} ${honoPathOf(path)}`
      const op = operations[key]
      if (!op) throw new Error(`${key} has no entry in server/openapi/operations.ts`)
      seen.add(key)
      paths[path] = { ...paths[path], [method]: await describe(key, generatedOp, op) }
    }
  }
  const stale = Object.keys(operations).filter((k) => !seen.has(k))
  if (stale.length) throw new Error(`server/openapi/operations.ts describes routes the app does not have: ${stale.join(', ')}`)
  return {
    openapi: '3.1.0',
    info: {
      title: '直播带岗 API',
      version: '1',
      description:
        'The HTTP contract of the live-streaming job fair platform. Every error answers `{ error: { code, message, details?, requestId } }` with a code from a closed list (docs/http-api.md). Sign in with POST /api/auth/login: the session is the `' +
        SESSION_COOKIE +
        '` cookie; writes from another site are refused (Origin / Sec-Fetch-Site).',
    },
    tags: [...new Set(Object.values(operations).map((o) => o.tag))].map((name) => ({ name })),
    paths,
    components: {
      ...generated.components,
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'Set by POST /api/auth/login or /register. Roles required are listed in each operation’s security.' },
      },
    },
  }
}
