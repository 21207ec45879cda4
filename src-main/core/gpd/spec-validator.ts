// Validates GPD requests and responses against PagoPA's own OpenAPI documents (shipped in
// resources/specs/gpd), so the client, the simulator and the tests share one notion of "conforms".
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020'
import addFormats from 'ajv-formats'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

export type SpecName = 'gpd-v1' | 'gpd-v3' | 'gpd-internal-v1' | 'receipts'

const FILES: Record<SpecName, string> = {
  'gpd-v1': 'openapi_external_v1.json',
  'gpd-v3': 'openapi_external_v3.json',
  'gpd-internal-v1': 'openapi_internal_v1.json',
  receipts: 'receipts.json'
}

interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>
  components: { schemas: Record<string, unknown> }
}
interface OpenApiParameter {
  name: string
  in: string
  required?: boolean
  schema?: { type?: string }
}
interface OpenApiOperation {
  parameters?: OpenApiParameter[]
  requestBody?: { content?: Record<string, { schema?: unknown }> }
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>
}

// GPD is a Java service: its date-times are LocalDateTime, usually without an offset
// ("2026-12-31T23:59:59" or with nanoseconds). Accept those as well as RFC 3339.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/

function rewriteRefs(schema: unknown, specId: string): unknown {
  if (Array.isArray(schema)) return schema.map((s) => rewriteRefs(s, specId))
  if (schema && typeof schema === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(schema)) {
      out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `${specId}${v}` : rewriteRefs(v, specId)
    }
    return out
  }
  return schema
}

export interface SpecValidator {
  /** Problems with a response body for an operation and status; empty when it conforms. */
  response(spec: SpecName, method: string, pathTemplate: string, status: number, body: unknown): string[]
  request(spec: SpecName, method: string, pathTemplate: string, body: unknown): string[]
  /** Problems with a request's query string (names, types, formats, bounds, enums); empty when it conforms. */
  query(spec: SpecName, method: string, pathTemplate: string, query: URLSearchParams): string[]
  /** Whether the spec defines this status for the operation. */
  hasResponse(spec: SpecName, method: string, pathTemplate: string, status: number): boolean
}

function describe(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '(radice)'} ${e.message ?? ''}`.trim())
}

/** Ajv with PagoPA's specs loaded: the documents are large, so this is done once, when first asked. */
function loadSpecs(specsFolder: string) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true })
  addFormats(ajv, ['date', 'email', 'uri'])
  ajv.addFormat('date-time', DATE_TIME)
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 })
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isSafeInteger(n) })

  const documents = new Map<SpecName, OpenApiDocument>()
  for (const [name, file] of Object.entries(FILES) as [SpecName, string][]) {
    const document = JSON.parse(readFileSync(join(specsFolder, file), 'utf8')) as OpenApiDocument
    documents.set(name, document)
    ajv.addSchema({ $id: name, components: rewriteRefs(document.components, name) })
  }
  return { ajv, documents }
}

/**
 * The validator is made at start by every desk, but used only when the desk talks to a GPD: the
 * specs are read, and each schema compiled, on first use, off the path to the first screen.
 */
export function createSpecValidator(specsFolder: string): SpecValidator {
  let loaded: ReturnType<typeof loadSpecs> | null = null
  const specs = () => (loaded ??= loadSpecs(specsFolder))

  const compiled = new Map<string, ValidateFunction | null>()
  const validatorFor = (key: string, schema: unknown, spec: SpecName): ValidateFunction | null => {
    if (!compiled.has(key)) compiled.set(key, schema === undefined ? null : specs().ajv.compile(rewriteRefs(schema, spec) as object))
    return compiled.get(key) ?? null
  }
  const operation = (spec: SpecName, method: string, path: string): OpenApiOperation => {
    const op = specs().documents.get(spec)?.paths[path]?.[method.toLowerCase()]
    if (!op) throw new Error(`Operazione non presente nella specifica ${spec}: ${method} ${path}`)
    return op
  }

  return {
    response(spec, method, path, status, body) {
      const responses = operation(spec, method, path).responses ?? {}
      const response = responses[String(status)] ?? responses.default
      if (!response) return [`stato HTTP ${status} non previsto dalla specifica`]
      const schema = response.content?.['application/json']?.schema ?? response.content?.['*/*']?.schema
      const validate = validatorFor(`${spec} ${method} ${path} ${status}`, schema, spec)
      if (!validate) return []
      return validate(body) ? [] : describe(validate.errors)
    },
    request(spec, method, path, body) {
      const schema = operation(spec, method, path).requestBody?.content?.['application/json']?.schema
      const validate = validatorFor(`${spec} ${method} ${path} request`, schema, spec)
      if (!validate) return []
      return validate(body) ? [] : describe(validate.errors)
    },
    query(spec, method, path, query) {
      const declared = new Map((operation(spec, method, path).parameters ?? []).filter((p) => p.in === 'query').map((p) => [p.name, p]))
      const problems: string[] = []
      for (const name of new Set(query.keys())) {
        const parameter = declared.get(name)
        if (!parameter) {
          problems.push(`parametro ${name} non previsto dalla specifica`)
          continue
        }
        const values = query.getAll(name)
        if (values.length > 1) problems.push(`parametro ${name} ripetuto`)
        const raw = values[0]!
        // A query string is text: numbers and booleans are read as the schema types them.
        const type = parameter.schema?.type
        const value = type === 'integer' || type === 'number' ? (raw.trim() === '' ? raw : Number(raw)) : type === 'boolean' ? (raw === 'true' ? true : raw === 'false' ? false : raw) : raw
        const validate = validatorFor(`${spec} ${method} ${path} query ${name}`, parameter.schema ?? {}, spec)
        if (validate && !validate(value)) problems.push(...describe(validate.errors).map((p) => `${name}${p.replace('(radice)', '')}`))
      }
      for (const [name, parameter] of declared) if (parameter.required && !query.has(name)) problems.push(`parametro ${name} obbligatorio`)
      return problems
    },
    hasResponse(spec, method, path, status) {
      return String(status) in (operation(spec, method, path).responses ?? {})
    }
  }
}
