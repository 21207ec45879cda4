import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const ROOT = resolve(__dirname, '../..')
export const MIGRATIONS = join(ROOT, 'resources', 'migrations')
export const CLI = join(ROOT, 'src-main', 'cli', 'sportello.mjs')

/** A fresh folder under the system temp dir; call the returned cleanup in afterAll/afterEach. */
export function tempDir(prefix = 'sportello-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}
