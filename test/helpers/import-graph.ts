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
