import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { findElectronImports, sourceFiles } from '../helpers/import-graph'
import { ROOT, tempDir } from '../helpers/paths'

const SRC_MAIN = join(ROOT, 'src-main')
const isElectronAdapter = (path: string) => path === join(SRC_MAIN, 'index.ts') || path.startsWith(join(SRC_MAIN, 'electron'))

describe('the core never reaches Electron', () => {
  const fixture = tempDir()
  afterAll(fixture.cleanup)

  it('holds for every module of src-main outside the Electron adapters', () => {
    const entries = sourceFiles(SRC_MAIN, isElectronAdapter)
    expect(entries.length).toBeGreaterThan(10)
    const violations = findElectronImports(entries, ROOT)
    expect(violations.map((v) => v.chain.join(' → '))).toEqual([])
  })

  it('sees the Electron entry point importing electron (the check is not blind)', () => {
    const violations = findElectronImports([join(SRC_MAIN, 'index.ts')], ROOT)
    expect(violations.length).toBeGreaterThan(0)
    expect(violations[0]!.chain.at(-1)).toBe('electron')
  })

  it('fails when a core module imports electron through another module', () => {
    mkdirSync(join(fixture.dir, 'core', 'deep'), { recursive: true })
    writeFileSync(join(fixture.dir, 'core', 'service.ts'), "import { helper } from './deep/helper'\nexport const x = helper()\n")
    writeFileSync(join(fixture.dir, 'core', 'deep', 'helper.ts'), "export * from './index'\n")
    writeFileSync(join(fixture.dir, 'core', 'deep', 'index.ts'), "import { app } from 'electron'\nexport const helper = () => app.getName()\n")
    const violations = findElectronImports([join(fixture.dir, 'core', 'service.ts')], fixture.dir)
    expect(violations.map((v) => v.chain)).toEqual([['core/service.ts', 'core/deep/helper.ts', 'core/deep/index.ts', 'electron']])
  })

  it('fails on packages that drag Electron in (electron-* companions, require calls, dynamic imports)', () => {
    writeFileSync(join(fixture.dir, 'updater.ts'), "const u = require('electron-updater')\nexport default u\n")
    writeFileSync(join(fixture.dir, 'lazy.ts'), "export const load = () => import('electron/main')\n")
    const violations = findElectronImports([join(fixture.dir, 'updater.ts'), join(fixture.dir, 'lazy.ts')], fixture.dir)
    expect(violations.map((v) => v.chain.at(-1))).toEqual(['electron-updater', 'electron/main'])
  })
})
