// Dependency engines agree with package.json's `engines`: every installed package the project runs
// on Node (the CLI, the build, the tests, and their dependencies, dev ones included) accepts the
// oldest Node that `engines` allows. The Electron toolchain is the one exception, stated in the
// README ("Quick start"): every supported Electron, and electron-builder, declare Node 22.12, and
// they only run where the desktop app is started or packaged.
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../helpers/paths'

const semver = createRequire(join(ROOT, 'package.json'))('semver') as {
  satisfies(version: string, range: string): boolean
  minVersion(range: string): { version: string } | null
}

interface Manifest {
  name: string
  version: string
  engines?: { node?: string }
  dependencies?: Record<string, string>
  devDependencies?: Record<string, string>
  optionalDependencies?: Record<string, string>
}
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Manifest
const root = read(join(ROOT, 'package.json'))

/** The packages whose own engines need a newer Node, and the Node the README names for them. */
const ELECTRON_TOOLCHAIN = ['electron', 'electron-builder']
const ELECTRON_NODE = '22.12.0'

/** Where Node would load `name` from, seen from the package in `dir`. */
function resolve(dir: string, name: string): string | null {
  for (let d = dir; d.startsWith(ROOT); d = dirname(d)) {
    const candidate = join(d, 'node_modules', name)
    if (existsSync(join(candidate, 'package.json'))) return candidate
    if (d === ROOT) break
  }
  return null
}

/** Every installed package reachable from `names` (not through `skip`), with its engines.node. */
function installed(names: string[], skip: string[] = []): { id: string; node: string | undefined }[] {
  const seen = new Map<string, { id: string; node: string | undefined }>()
  const visit = (from: string, name: string) => {
    if (skip.includes(name)) return
    const dir = resolve(from, name)
    if (!dir || seen.has(dir)) return
    const manifest = read(join(dir, 'package.json'))
    seen.set(dir, { id: `${manifest.name}@${manifest.version}`, node: manifest.engines?.node })
    for (const dep of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) visit(dir, dep)
  }
  for (const name of names) visit(ROOT, name)
  return [...seen.values()]
}

const accepts = (version: string) => (p: { node: string | undefined }) => !p.node || semver.satisfies(version, p.node)

describe("dependencies' engines", () => {
  const oldest = semver.minVersion(root.engines!.node!)!.version
  const direct = Object.keys({ ...root.dependencies, ...root.devDependencies })

  it('package.json promises Node 20.19, as the README says', () => {
    expect(oldest).toBe('20.19.0')
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain('Node.js 20.19 or later')
  })

  it('every installed package outside the Electron toolchain accepts that Node', () => {
    const packages = installed(direct, ELECTRON_TOOLCHAIN)
    expect(packages.length).toBeGreaterThan(300)
    expect(packages.map((p) => p.id)).toContain(`vue-i18n@${root.devDependencies!['vue-i18n']}`)
    expect(packages.filter((p) => !accepts(oldest)(p)).map((p) => `${p.id} (node ${p.node})`)).toEqual([])
  })

  it('the Electron toolchain accepts the Node the README names for it, and is only development tooling', () => {
    for (const name of ELECTRON_TOOLCHAIN) expect(root.devDependencies).toHaveProperty(name)
    const packages = installed(ELECTRON_TOOLCHAIN)
    expect(packages.filter((p) => !accepts(ELECTRON_NODE)(p)).map((p) => `${p.id} (node ${p.node})`)).toEqual([])
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain('Node.js 22.12')
  })
})
