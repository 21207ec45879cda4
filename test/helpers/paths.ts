import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const ROOT = resolve(__dirname, '../..')
export const MIGRATIONS = join(ROOT, 'resources', 'migrations')
/** The `sportello` bin, as an operator runs it: the CLI built into out/cli (`npm test` builds first). */
export const CLI = join(ROOT, 'bin', 'sportello.mjs')
export const BUILT_CLI = join(ROOT, 'out', 'cli', 'index.js')

/** A fresh folder under the system temp dir; call the returned cleanup in afterAll/afterEach. */
export function tempDir(prefix = 'sportello-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}
