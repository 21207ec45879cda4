// The core's layers (src-main/core/layers.json): nothing imports upward, no folders import each
// other in a cycle, no file-level cycle anywhere in src-main, and the demo and the simulator are
// reached only from the composition root. The ESLint rule says the same at edit time; both are
// shown to fail on a violation.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ESLint } from 'eslint'
import { afterAll, describe, expect, it } from 'vitest'
import { fileCycles, sourceFiles, unitCycles, unitEdges } from '../helpers/import-graph'
import { ROOT, tempDir } from '../helpers/paths'

const CORE = join(ROOT, 'src-main', 'core')
const LAYERS = JSON.parse(readFileSync(join(CORE, 'layers.json'), 'utf8')) as { layers: Record<string, string[]>; allow: Record<string, string[]> }

/** Imports a layer may not make, and units that belong to no layer. */
function layerViolations(edges: Map<string, Map<string, string>>): string[] {
  const layerOf = new Map(Object.entries(LAYERS.layers).flatMap(([layer, units]) => units.map((u) => [u, layer] as const)))
  const found: string[] = []
  for (const [from, targets] of edges) {
    for (const [to, example] of targets) {
      const a = layerOf.get(from)
      const b = layerOf.get(to)
      if (!a || !b) found.push(`${!a ? from : to} non è in nessun livello (${example})`)
      else if (!LAYERS.allow[a]!.includes(b)) found.push(`${a} → ${b}: ${example}`)
    }
  }
  return found
}

describe('the layers of the core', () => {
  const fixture = tempDir()
  afterAll(fixture.cleanup)

  it('hold: no upward import, no folder cycle, every unit in a layer', () => {
    const edges = unitEdges(CORE, sourceFiles(CORE, () => false))
    expect(edges.size).toBeGreaterThan(15)
    expect(layerViolations(edges)).toEqual([])
    expect(unitCycles(edges)).toEqual([])
    const units = new Set(sourceFiles(CORE, () => false).map((f) => f.slice(CORE.length + 1).split('/')[0]!.replace(/\.ts$/, '')))
    const layered = new Set(Object.values(LAYERS.layers).flat())
    expect([...units].filter((u) => !layered.has(u) && u !== 'layers.json')).toEqual([])
  })

  it('no file of src-main imports itself through others', () => {
    const src = join(ROOT, 'src-main')
    expect(fileCycles(ROOT, sourceFiles(src, (p) => p.includes('generated'))).map((c) => c.join(' → '))).toEqual([])
  })

  it('the checks see a violation: a folder cycle, an upward import, a file cycle', () => {
    const core = join(fixture.dir, 'core')
    for (const dir of ['dues', 'sync', 'pagopa']) mkdirSync(join(core, dir), { recursive: true })
    writeFileSync(join(core, 'dues', 'a.ts'), "import { b } from '../sync/b'\nexport const a = () => b\n")
    writeFileSync(join(core, 'sync', 'b.ts'), "import { c } from '../dues/c'\nexport const b = c\n")
    writeFileSync(join(core, 'dues', 'c.ts'), "export const c = 1\n")
    writeFileSync(join(core, 'pagopa', 'd.ts'), "import { a } from '../dues/a'\nexport const d = a\n")
    const edges = unitEdges(core, sourceFiles(core, () => false))
    expect(unitCycles(edges)).toEqual([['dues', 'sync']])
    expect(layerViolations(edges)).toEqual([expect.stringMatching(/^domain → capabilities: dues\/a\.ts → sync\/b\.ts/), expect.stringMatching(/^base → domain: pagopa\/d\.ts/)])
    writeFileSync(join(core, 'dues', 'c.ts'), "import { a } from './a'\nexport const c = a\n")
    expect(fileCycles(core, sourceFiles(core, () => false))).toEqual([['dues/a.ts', 'sync/b.ts', 'dues/c.ts']])
  })

  it('ESLint refuses the same imports where they are written', async () => {
    const eslint = new ESLint({ cwd: ROOT })
    const probe = "import { DEMO_ENTE } from '../demo/ente'\nimport { createSyncEngine } from '../sync/engine'\nimport { createOutbox } from '../db/outbox'\nexport const probe = [DEMO_ENTE, createSyncEngine, createOutbox]\n"
    const [result] = await eslint.lintText(probe, { filePath: join(CORE, 'dues', 'layer-probe.ts') })
    const layerErrors = result!.messages.filter((m) => m.ruleId === 'boundaries/element-types').map((m) => m.message)
    expect(layerErrors).toEqual([expect.stringContaining('core-domain non può importare core-doubles'), expect.stringContaining('core-domain non può importare core-capabilities')])
  }, 60_000)
})
