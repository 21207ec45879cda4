// The `sportello` bin as an installation runs it: plain Node (no tsx loader, no NODE_OPTIONS) on
// the CLI built into out/cli by `electron-vite build`, from a copy of the package whose
// node_modules holds every package but tsx, so nothing can compile TypeScript at its start.
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BUILT_CLI, ROOT, tempDir } from '../helpers/paths'

interface PackageJson {
  version: string
  bin: Record<string, string>
  dependencies: Record<string, string>
  devDependencies: Record<string, string>
}
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as PackageJson

// A valid notice number from the fixtures (test/unit/pagopa-codes.test.ts, sync-cli.test.ts).
const NOTICE = '302032002700000251'

const installed = tempDir('sportello-built-cli-')
afterAll(installed.cleanup)

beforeAll(() => {
  // The launcher, the built CLI and package.json copied; resources and node_modules' packages
  // linked (junctions on Windows), tsx left out.
  cpSync(join(ROOT, 'package.json'), join(installed.dir, 'package.json'))
  cpSync(join(ROOT, 'bin'), join(installed.dir, 'bin'), { recursive: true })
  cpSync(join(ROOT, 'out', 'cli'), join(installed.dir, 'out', 'cli'), { recursive: true })
  symlinkSync(join(ROOT, 'resources'), join(installed.dir, 'resources'), 'junction')
  mkdirSync(join(installed.dir, 'node_modules'))
  for (const name of readdirSync(join(ROOT, 'node_modules'))) {
    if (name === 'tsx' || name.startsWith('.')) continue
    symlinkSync(join(ROOT, 'node_modules', name), join(installed.dir, 'node_modules', name), 'junction')
  }
})

/** `sportello ARGS` with plain `node`: no loader from the environment, no NODE_PATH. */
function sportello(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' }
  delete env.NODE_OPTIONS
  delete env.NODE_PATH
  const bin = join(installed.dir, pkg.bin.sportello!)
  return spawnSync(process.execPath, [bin, ...args], { cwd: installed.dir, env, encoding: 'utf8', timeout: 60_000 })
}

describe('the built sportello command', () => {
  it('has tsx for the tests only: not a production dependency', () => {
    expect(Object.keys(pkg.dependencies)).not.toContain('tsx')
    expect(pkg.devDependencies.tsx).toBeDefined()
    expect(pkg.bin.sportello).toBe('./bin/sportello.mjs')
  })

  it('is built JavaScript that loads neither tsx nor a TypeScript file', () => {
    const files = readdirSync(join(BUILT_CLI, '..'))
    expect(files).toContain('index.js')
    for (const file of [join(ROOT, 'bin', 'sportello.mjs'), ...files.map((f) => join(BUILT_CLI, '..', f))]) {
      const text = readFileSync(file, 'utf8')
      expect(text, file).not.toMatch(/(require\(|import\(|from )\s*["']tsx/)
      expect(text, file).not.toMatch(/(require\(|import\(|from )\s*["'][^"']+\.ts["']/)
    }
  })

  it('explains itself with plain node, without tsx installed', () => {
    const help = sportello('--help')
    expect(help.stderr).toBe('')
    expect(help.status).toBe(0)
    expect(help.stdout).toContain('sportello <comando>')
    expect(sportello('--version').stdout.trim()).toBe(pkg.version)
  })

  it('checks a notice number with plain node, without tsx installed', () => {
    const good = sportello('check', 'notice', NOTICE, '--json')
    expect(good.stderr).toBe('')
    expect(good.status).toBe(0)
    expect(JSON.parse(good.stdout)).toEqual({ valid: true, nav: NOTICE, iuv: NOTICE.slice(1), segregationCode: '02', auxDigit: '3' })

    const bad = sportello('check', 'notice', `${NOTICE.slice(0, 17)}0`)
    expect(bad.status).toBe(1)
    expect(bad.stdout).toMatch(/^Non valido: /)
  })
})
