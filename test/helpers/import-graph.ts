// Follows imports from a set of files, through relative paths and into packages, and reports every
// chain that reaches Electron. The lint rule sees direct imports only; this sees indirect ones.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'

const SOURCE_EXTENSIONS = ['.ts', '.mts', '.cts', '.mjs', '.js', '.cjs']

export interface Violation {
  /** From the starting file to the forbidden module. */
  chain: string[]
}

function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true)
  return info.importedFiles.map((f) => f.fileName)
}

function resolveRelative(fromFile: string, specifier: string): string | null {
  const base = resolve(dirname(fromFile), specifier)
  const candidates = [base, ...SOURCE_EXTENSIONS.map((ext) => base + ext), ...SOURCE_EXTENSIONS.map((ext) => join(base, 'index' + ext))]
  for (const candidate of candidates) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate
  }
  return null
}

function packageName(specifier: string): string {
  const parts = specifier.split('/')
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!
}

/** Whether a package is Electron, an Electron companion, or declares Electron as a dependency. */
function packageNeedsElectron(name: string, fromFile: string): boolean {
  if (name === 'electron' || name.startsWith('@electron/') || name.startsWith('electron-')) return true
  if (name.startsWith('node:')) return false
  try {
    const require = createRequire(fromFile)
    const manifest = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as Record<string, Record<string, string> | undefined>
    return ['dependencies', 'peerDependencies', 'optionalDependencies'].some((k) => manifest[k]?.electron !== undefined)
  } catch {
    return false // a built-in module, or a package that hides its manifest: nothing to learn from it
  }
}

export function findElectronImports(entries: string[], root: string): Violation[] {
  const violations: Violation[] = []
  const visited = new Set<string>()
  const walk = (file: string, chain: string[]) => {
    if (visited.has(file)) return
    visited.add(file)
    for (const specifier of importsOf(file)) {
      if (specifier.startsWith('.')) {
        const target = resolveRelative(file, specifier)
        if (target) walk(target, [...chain, relative(root, target)])
      } else if (packageNeedsElectron(packageName(specifier), file)) {
        violations.push({ chain: [...chain, specifier] })
      }
    }
  }
  for (const entry of entries) walk(entry, [relative(root, entry)])
  return violations
}

export function sourceFiles(dir: string, exclude: (path: string) => boolean): string[] {
  const files: string[] = []
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (exclude(path)) continue
    if (statSync(path).isDirectory()) files.push(...sourceFiles(path, exclude))
    else if (SOURCE_EXTENSIONS.some((ext) => name.endsWith(ext))) files.push(path)
  }
  return files
}

/** The part of core a file belongs to: its first folder under the root, or the file itself at the top. */
export function coreUnit(root: string, file: string): string {
  const [first, ...rest] = relative(root, file).split(/[\\/]/)
  return rest.length ? first! : first!.replace(/\.[cm]?[jt]s$/, '')
}

/** Relative imports between the units of a tree (folders, and files at its top), with one example each. */
export function unitEdges(root: string, files: string[]): Map<string, Map<string, string>> {
  const edges = new Map<string, Map<string, string>>()
  for (const file of files) {
    const from = coreUnit(root, file)
    for (const specifier of importsOf(file)) {
      if (!specifier.startsWith('.')) continue
      const target = resolveRelative(file, specifier)
      if (!target || relative(root, target).startsWith('..')) continue
      const to = coreUnit(root, target)
      if (to === from) continue
      if (!edges.has(from)) edges.set(from, new Map())
      if (!edges.get(from)!.has(to)) edges.get(from)!.set(to, `${relative(root, file)} → ${relative(root, target)}`)
    }
  }
  return edges
}

/** Cycles between units, each as the list of units around it (each cycle once). */
export function unitCycles(edges: Map<string, Map<string, string>>): string[][] {
  const cycles: string[][] = []
  const seen = new Set<string>()
  const visit = (node: string, path: string[]) => {
    for (const next of edges.get(node)?.keys() ?? []) {
      const at = path.indexOf(next)
      if (at >= 0) {
        const cycle = path.slice(at)
        const key = [...cycle].sort().join(',')
        if (!seen.has(key)) {
          seen.add(key)
          cycles.push(cycle)
        }
      } else visit(next, [...path, next])
    }
  }
  for (const node of edges.keys()) visit(node, [node])
  return cycles
}

/** Imports that go up the layers: a unit may use its own layer and those below it. */
export function upwardImports(edges: Map<string, Map<string, string>>, layers: string[][]): string[] {
  const layerOf = new Map(layers.flatMap((units, i) => units.map((u) => [u, i] as const)))
  const found: string[] = []
  for (const [from, targets] of edges) {
    for (const [to, example] of targets) {
      const a = layerOf.get(from)
      const b = layerOf.get(to)
      if (a === undefined || b === undefined) found.push(`${from} or ${to} has no layer (${example})`)
      else if (b > a) found.push(`${from} → ${to} goes up (${example})`)
    }
  }
  return found
}

/** Cycles between files through relative imports (type-only imports included: they still tie modules together). */
export function fileCycles(root: string, files: string[]): string[][] {
  const graph = new Map<string, string[]>()
  for (const file of files) {
    graph.set(
      file,
      importsOf(file)
        .filter((s) => s.startsWith('.'))
        .map((s) => resolveRelative(file, s))
        .filter((t): t is string => t !== null)
    )
  }
  const cycles: string[][] = []
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const visit = (file: string) => {
    state.set(file, 'open')
    stack.push(file)
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push(stack.slice(stack.indexOf(next)).map((f) => relative(root, f)))
      else if (!state.has(next)) visit(next)
    }
    stack.pop()
    state.set(file, 'done')
  }
  for (const file of graph.keys()) if (!state.has(file)) visit(file)
  return cycles
}
