// What can be checked of the Windows installer on a machine that cannot build it: the
// electron-builder configuration against electron-builder's own schema, and the packaged app
// against what it loads at run time (built files, extra resources, native modules unpacked,
// every package the main bundle requires shipped as a production dependency).
import Ajv from 'ajv'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { ROOT } from '../helpers/paths'

interface BuilderConfig {
  files: string[]
  extraResources: { from: string; to: string }[]
  asarUnpack: string[]
  win: { target: { target: string; arch: string[] }[]; icon: string }
  nsis: { oneClick: boolean; perMachine: boolean; deleteAppDataOnUninstall: boolean }
  publish: { provider: string; url: string }
}
const config = parseYaml(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string; dependencies: Record<string, string>; devDependencies: Record<string, string> }
// The main bundle and the chunks it loads when needed (the services past the first screen, the simulator).
const mainBundle = readdirSync(join(ROOT, 'out', 'main'))
  .filter((name) => name.endsWith('.js'))
  .map((name) => readFileSync(join(ROOT, 'out', 'main', name), 'utf8'))
  .join('\n')

/** A minimal glob for the patterns used in electron-builder.yml ('**', '*', a leading '!'). */
function matches(pattern: string, path: string): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*\*\//g, '«ANYDIR»')
    .replace(/\*\*/g, '«ANY»')
    .replace(/\*/g, '[^/]*')
    .replace(/«ANY»/g, '.*')
    .replace(/«ANYDIR»/g, '(?:.*/)?')
  return new RegExp(`^${source}$`).test(path)
}
const packaged = (path: string) => config.files.some((p) => !p.startsWith('!') && matches(p, path)) && !config.files.some((p) => p.startsWith('!') && matches(p.slice(1), path))
const unpacked = (path: string) => config.asarUnpack.some((p) => matches(p, path))

function walk(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(dir, join(prefix, e.name)) : [join(prefix, e.name)]))
}

describe('the Windows installer configuration', () => {
  it('validates against electron-builder’s own schema', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'app-builder-lib', 'scheme.json'), 'utf8')) as Record<string, unknown>
    const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false })
    const validate = ajv.compile(schema)
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true)
    // And it notices a mistake (the check is not blind).
    expect(validate({ ...config, nsis: { ...config.nsis, perMachine: 'sì' } })).toBe(false)
  })

  it('builds a per-machine NSIS installer for x64 that keeps the operator’s data on uninstall', () => {
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }])
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: true, deleteAppDataOnUninstall: false })
    expect(existsSync(join(ROOT, config.win.icon))).toBe(true)
    expect(config.publish).toMatchObject({ provider: 'generic', url: '${env.SPORTELLO_UPDATE_URL}' })
  })

  it('packages the built app: main, preload and every file of the renderer, without source maps', () => {
    expect(packaged(pkg.main.replace(/^\.\//, ''))).toBe(true)
    expect(packaged('out/preload/index.js')).toBe(true)
    const renderer = walk(join(ROOT, 'out', 'renderer')).map((f) => `out/renderer/${f.split('\\').join('/')}`)
    expect(renderer).toContain('out/renderer/index.html')
    for (const file of renderer) expect(packaged(file), file).toBe(!file.endsWith('.map'))
    expect(packaged('src-main/core/app.ts')).toBe(false)
    expect(packaged('test/unit/packaging.test.ts')).toBe(false)
  })

  it('ships the resources the app reads from disk: every migration and the GPD specs', () => {
    const resources = new Map(config.extraResources.map((r) => [r.to, join(ROOT, r.from)]))
    // src-main/electron/paths.ts: resourcesDir() is process.resourcesPath when packaged.
    const migrations = resources.get('migrations')!
    const journal = JSON.parse(readFileSync(join(migrations, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] }
    for (const { tag } of journal.entries) expect(existsSync(join(migrations, `${tag}.sql`)), tag).toBe(true)
    const specs = resources.get('specs')!
    for (const name of ['openapi_external_v1.json', 'openapi_external_v3.json', 'openapi_internal_v1.json', 'receipts.json']) expect(existsSync(join(specs, 'gpd', name)), name).toBe(true)
  })

  it('every package the main bundle loads is a production dependency, and native code is unpacked', () => {
    const required = [...mainBundle.matchAll(/(?<![.\w])require\("([^"]+)"\)/g)].map((m) => m[1]!)
    const packages = new Set(required.filter((r) => !r.startsWith('node:') && !r.startsWith('.') && !builtinModules.includes(r) && r !== 'electron').map((r) => (r.startsWith('@') ? r.split('/').slice(0, 2).join('/') : r.split('/')[0]!)))
    // Read at run time through require.resolve: the notice's fonts.
    packages.add('@fontsource/titillium-web')
    packages.add('@fontsource/roboto-mono')
    expect(packages.size).toBeGreaterThan(10)
    for (const name of packages) expect(pkg.dependencies[name], `${name} must be in "dependencies" to be packaged`).toBeDefined()
    expect(packages).toContain('electron-updater')

    const natives = ['better-sqlite3', '@serialport/bindings-cpp'].flatMap((name) =>
      walk(join(ROOT, 'node_modules', name)).filter((f) => f.endsWith('.node')).map((f) => `node_modules/${name}/${f.split('\\').join('/')}`)
    )
    expect(natives.length).toBeGreaterThan(0)
    for (const file of natives) expect(unpacked(file), file).toBe(true)
  })
})
