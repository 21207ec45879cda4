// JSON Schemas of the contract's result types, generated from the TypeScript sources when a test
// asks for them, and a validator for a method's successful answer.
//
// src-main/contract/methods.ts declares each result type as the type argument of
// `method<Result>()(…)`. ts-json-schema-generator cannot evaluate `MethodOutput<M>` itself (it reads
// `typeof METHODS`, an object built by calls), so this helper reads those type arguments from the
// source and hands the generator an in-memory file, beside methods.ts and with its imports, that
// declares `interface ServiceResults { 'app.info': AppInfo; … }`. The same file asserts that this
// interface is exactly `{ [M in MethodName]: MethodOutput<M> }`, and the TypeScript checker must
// accept it: what is validated is the declared result type, not a copy that could drift.
//
// A few result types embed zod types (`z.output<typeof SmtpSettingsInput>`), which the generator
// cannot expand either. For those a custom parser leaves a marker, and the marker is replaced by
// zod's own JSON Schema of that very schema (`z.toJSONSchema`, output or input side as the type
// says): the same type, described by the library that defines it. Those parts keep zod's checks
// (patterns, lengths, integers), which the values satisfy since the app parsed them with the same
// schema; like everything else here they stay open to extra properties. One more gap of the
// generator, the spread in `[...PAYMENT_CHANNELS, 'pos-integrato'] as const`, has a small parser too.
// And `MessageKey` (the catalog's keys, a recursive template literal type the generator cannot
// evaluate) becomes the list of the catalog's keys, read from the catalog itself.
//
// Generated once per call of loadResultValidator (about 10 s on this machine's 2 cores).
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv'
import addFormats from 'ajv-formats'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import {
  BaseType,
  createFormatter,
  createParser,
  SchemaGenerator,
  type CompletedConfig,
  type Context,
  type Definition,
  DEFAULT_CONFIG,
  type NodeParser,
  RestType,
  type SubNodeParser,
  type SubTypeFormatter,
  type TupleType
} from 'ts-json-schema-generator'
import ts from 'typescript'
import { z } from 'zod'
import { METHOD_NAMES, type MethodName } from '../../src-main/contract/bridge'
import { messageKeys } from '../../src-main/contract/messages'
import { ROOT } from './paths'

const METHODS_FILE = join(ROOT, 'src-main', 'contract', 'methods.ts')
/** Never written to disk: served to the TypeScript program from memory. */
const RESULTS_FILE = join(ROOT, 'src-main', 'contract', '__service-results.generated.ts')
const RESULTS_TYPE = 'ServiceResults'
const ZOD_MARK = 'x-zod-schema'

type JsonSchema = Record<string, unknown>

/** `method<Result>()(…)` for each method in METHODS: the method's name and the text of Result. */
export function declaredResultTypes(source = readFileSync(METHODS_FILE, 'utf8')): { imports: string[]; results: Map<string, string> } {
  const file = ts.createSourceFile(METHODS_FILE, source, ts.ScriptTarget.ES2022, true)
  const imports = file.statements.filter(ts.isImportDeclaration).map((d) => d.getText(file))
  const results = new Map<string, string>()
  let found = false
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && node.name.getText(file) === 'METHODS' && node.initializer) {
      found = true
      let init: ts.Expression = node.initializer
      while (ts.isSatisfiesExpression(init) || ts.isAsExpression(init) || ts.isParenthesizedExpression(init)) init = init.expression
      if (!ts.isObjectLiteralExpression(init)) throw new Error('methods.ts: METHODS is not an object literal')
      for (const prop of init.properties) {
        const name = prop.name && (ts.isStringLiteral(prop.name) || ts.isIdentifier(prop.name)) ? prop.name.text : prop.getText(file)
        const outer = ts.isPropertyAssignment(prop) ? prop.initializer : undefined
        const inner = outer && ts.isCallExpression(outer) ? outer.expression : undefined
        const typeArg = inner && ts.isCallExpression(inner) && inner.expression.getText(file) === 'method' ? inner.typeArguments?.[0] : undefined
        if (!typeArg) throw new Error(`methods.ts: ${name} is not declared as method<Result>()(input, access)`)
        results.set(name, typeArg.getText(file))
      }
      return
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  if (!found) throw new Error('methods.ts: METHODS not found')
  return { imports, results }
}

/** The in-memory file: methods.ts's imports, the results interface, and the proof it equals MethodOutput. */
function resultsSource(): string {
  const { imports, results } = declaredResultTypes()
  const missing = METHOD_NAMES.filter((m) => !results.has(m))
  const extra = [...results.keys()].filter((m) => !(METHOD_NAMES as readonly string[]).includes(m))
  if (missing.length || extra.length) throw new Error(`METHODS and METHOD_NAMES differ: missing ${missing.join(', ')}; extra ${extra.join(', ')}`)
  return [
    ...imports,
    `import type { MethodName as __MethodName, MethodOutput as __MethodOutput } from './methods'`,
    `export interface ${RESULTS_TYPE} {`,
    ...[...results].map(([name, type]) => `  ${JSON.stringify(name)}: ${type}`),
    '}',
    'type __Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false',
    `export const __sameAsMethodOutput: __Same<${RESULTS_TYPE}, { [M in __MethodName]: __MethodOutput<M> }> = true`,
    ''
  ].join('\n')
}

/** A zod schema's type, `z.output<typeof X>` (also z.infer) or `z.input<typeof X>`, with X exported by its module. */
class ZodSchemaType extends BaseType {
  constructor(
    readonly file: string,
    readonly exportName: string,
    readonly io: 'input' | 'output'
  ) {
    super()
  }
  getId(): string {
    return `zod-${this.io}-${this.exportName}-${this.file}`
  }
}

class ZodTypeParser implements SubNodeParser {
  constructor(private readonly checker: ts.TypeChecker) {}

  private zodHelper(node: ts.Node): 'input' | 'output' | undefined {
    if (!ts.isTypeReferenceNode(node) || node.typeArguments?.length !== 1 || !ts.isTypeQueryNode(node.typeArguments[0]!)) return undefined
    let symbol = this.checker.getSymbolAtLocation(ts.isQualifiedName(node.typeName) ? node.typeName.right : node.typeName)
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol)
    const fromZod = symbol?.declarations?.some((d) => /[\\/]node_modules[\\/]zod[\\/]/.test(d.getSourceFile().fileName))
    if (!fromZod) return undefined
    const name = symbol!.getName()
    return name === 'input' ? 'input' : name === 'output' || name === 'infer' ? 'output' : undefined
  }

  supportsNode(node: ts.Node): boolean {
    return this.zodHelper(node) !== undefined
  }

  createType(node: ts.Node, _context: Context): BaseType {
    const io = this.zodHelper(node)!
    const query = (node as ts.TypeReferenceNode).typeArguments![0] as ts.TypeQueryNode
    let symbol = this.checker.getSymbolAtLocation(query.exprName)
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol)
    const decl = symbol?.valueDeclaration
    if (!decl || !ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name)) throw new Error(`${query.getText()}: not a variable holding a zod schema`)
    const source = decl.getSourceFile()
    const exported = this.checker.getExportsOfModule(this.checker.getSymbolAtLocation(source)!).some((s) => s.getName() === decl.name.getText(source))
    if (!exported) throw new Error(`${query.getText()} (${source.fileName}): a result type uses a zod schema that its module does not export`)
    return new ZodSchemaType(source.fileName, decl.name.getText(source), io)
  }
}

/**
 * `[...OTHER, 'x'] as const` (a constant list built from another, as DESK_PAYMENT_CHANNELS is):
 * the generator reads `typeof` of such a list but has no parser for the spread element. The spread
 * is the other constant's own tuple, flattened into this one.
 */
class SpreadElementParser implements SubNodeParser {
  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly chain: NodeParser
  ) {}
  supportsNode(node: ts.Node): boolean {
    return ts.isSpreadElement(node) && ts.isIdentifier(node.expression)
  }
  createType(node: ts.Node, context: Context): BaseType {
    const expression = (node as ts.SpreadElement).expression
    let symbol = this.checker.getSymbolAtLocation(expression)
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol)
    const decl = symbol?.valueDeclaration
    if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer) throw new Error(`...${expression.getText()}: not a constant the generator can read`)
    return new RestType(this.chain.createType(decl.initializer, context) as TupleType)
  }
}

/** `MessageKey` from contract/messages: a string among the catalog's keys. */
class MessageKeyType extends BaseType {
  getId(): string {
    return 'message-key'
  }
}

class MessageKeyParser implements SubNodeParser {
  constructor(private readonly checker: ts.TypeChecker) {}
  supportsNode(node: ts.Node): boolean {
    if (!ts.isTypeReferenceNode(node) || !ts.isIdentifier(node.typeName) || node.typeName.text !== 'MessageKey') return false
    let symbol = this.checker.getSymbolAtLocation(node.typeName)
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol)
    return symbol?.declarations?.some((d) => /[\\/]contract[\\/]messages[\\/]index\.ts$/.test(d.getSourceFile().fileName)) ?? false
  }
  createType(): BaseType {
    return new MessageKeyType()
  }
}

class MessageKeyFormatter implements SubTypeFormatter {
  supportsType(type: BaseType): boolean {
    return type instanceof MessageKeyType
  }
  getDefinition(): Definition {
    return { type: 'string', enum: messageKeys() }
  }
  getChildren(): BaseType[] {
    return []
  }
}

class ZodTypeFormatter implements SubTypeFormatter {
  supportsType(type: BaseType): boolean {
    return type instanceof ZodSchemaType
  }
  getDefinition(type: BaseType): Definition {
    const t = type as ZodSchemaType
    return { [ZOD_MARK]: { file: t.file, exportName: t.exportName, io: t.io } } as Definition
  }
  getChildren(): BaseType[] {
    return []
  }
}

/** zod's JSON Schema of one exported schema, as plain draft-07 (no $schema of its own). */
async function zodJsonSchema(mark: { file: string; exportName: string; io: 'input' | 'output' }): Promise<JsonSchema> {
  const module = (await import(pathToFileURL(mark.file).href)) as Record<string, unknown>
  const schema = module[mark.exportName]
  if (!(schema instanceof z.ZodType)) throw new Error(`${mark.exportName} (${mark.file}) is not a zod schema`)
  const { $schema: _ignored, ...json } = z.toJSONSchema(schema, { io: mark.io, target: 'draft-7', unrepresentable: 'throw' }) as JsonSchema
  return openObjects(json) as JsonSchema
}

/** zod closes output objects (`additionalProperties: false`); TypeScript's types, and the rest of this schema, do not. */
function openObjects(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(openObjects)
  if (node === null || typeof node !== 'object') return node
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(node)) if (!(key === 'additionalProperties' && value === false)) out[key] = openObjects(value)
  return out
}

async function replaceZodMarks(node: unknown): Promise<unknown> {
  if (Array.isArray(node)) return Promise.all(node.map(replaceZodMarks))
  if (node === null || typeof node !== 'object') return node
  const record = node as Record<string, unknown>
  if (ZOD_MARK in record) {
    const { [ZOD_MARK]: mark, ...rest } = record
    return { ...(await zodJsonSchema(mark as { file: string; exportName: string; io: 'input' | 'output' })), ...rest }
  }
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(record)) out[key] = await replaceZodMarks(value)
  return out
}

/**
 * The JSON Schema (draft-07) of ServiceResults: one property per method, its result type. Objects
 * stay open to extra properties (as TypeScript's types are); required fields are required.
 */
export async function generateResultSchema(): Promise<JsonSchema> {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'tsconfig.test.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'))
    }
  })
  if (!parsed) throw new Error('tsconfig.test.json could not be read')
  const options = { ...parsed.options, noEmit: true }
  const source = resultsSource()
  const host = ts.createCompilerHost(options)
  const getSourceFile = host.getSourceFile.bind(host)
  const fileExists = host.fileExists.bind(host)
  host.getSourceFile = (name, languageVersion, ...rest) => (name === RESULTS_FILE ? ts.createSourceFile(name, source, languageVersion, true) : getSourceFile(name, languageVersion, ...rest))
  host.fileExists = (name) => name === RESULTS_FILE || fileExists(name)
  host.readFile = ((readFile) => (name: string) => (name === RESULTS_FILE ? source : readFile(name)))(host.readFile.bind(host))
  const program = ts.createProgram({ rootNames: [RESULTS_FILE], options, host })

  // The interface must be exactly the contract's result types (and the file must compile).
  const diagnostics = program.getSemanticDiagnostics(program.getSourceFile(RESULTS_FILE)).concat(program.getSyntacticDiagnostics(program.getSourceFile(RESULTS_FILE)))
  if (diagnostics.length) {
    throw new Error(`result types extracted from methods.ts do not match MethodOutput:\n${ts.formatDiagnostics(diagnostics, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => ROOT, getNewLine: () => '\n' })}\n${source}`)
  }

  const config: CompletedConfig = {
    ...DEFAULT_CONFIG,
    path: RESULTS_FILE,
    type: RESULTS_TYPE,
    expose: 'export',
    topRef: false,
    jsDoc: 'none',
    skipTypeCheck: true,
    additionalProperties: true,
    functions: 'fail'
  }
  const checker = program.getTypeChecker()
  const parser = createParser(program, config, (chain) => {
    chain.addNodeParser(new ZodTypeParser(checker)).addNodeParser(new MessageKeyParser(checker)).addNodeParser(new SpreadElementParser(checker, chain as unknown as NodeParser))
  })
  const formatter = createFormatter(config, (chain) => chain.addTypeFormatter(new ZodTypeFormatter()).addTypeFormatter(new MessageKeyFormatter()))
  const schema = new SchemaGenerator(program, parser, formatter, config).createSchema(RESULTS_TYPE) as JsonSchema
  return (await replaceZodMarks(schema)) as JsonSchema
}

export interface ResultValidator {
  readonly schema: JsonSchema
  /** The errors of a method's successful answer against its declared result type; empty when it conforms. */
  check(method: MethodName, value: unknown): string[]
}

export function resultValidator(schema: JsonSchema): ResultValidator {
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictTuples: false })
  addFormats(ajv)
  const id = 'sportello:service-results'
  ajv.addSchema({ ...schema, $id: id })
  const properties = (schema.properties ?? {}) as Record<string, unknown>
  const required = new Set((schema.required ?? []) as string[])
  const validators = new Map<MethodName, ValidateFunction>()
  for (const method of METHOD_NAMES) {
    if (!(method in properties) || !required.has(method)) throw new Error(`the result schema has no required entry for ${method}`)
    validators.set(method, ajv.compile({ $ref: `${id}#/properties/${encodeURIComponent(method)}` }))
  }
  const describe = (e: ErrorObject) => `${e.instancePath || '(value)'} ${e.message ?? e.keyword}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''}`
  return {
    schema,
    check(method, value) {
      const validate = validators.get(method)!
      return validate(value) ? [] : (validate.errors ?? []).map(describe)
    }
  }
}

/** Generates the schema (a few seconds: call once per test file) and compiles its validators. */
export async function loadResultValidator(): Promise<ResultValidator> {
  return resultValidator(await generateResultSchema())
}
