// Local copies of the cache, taken online with SQLite's backup API (consistent while the desk
// works), kept in the data folder's "copie" folder; the newest few are kept.
import type Database from 'better-sqlite3'
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'

export const BACKUPS_FOLDER = 'copie'
const NAME = /^sportello-(\d{8}-\d{6})\.db$/

export interface BackupInfo {
  file: string
  takenAt: string
  bytes: number
}

/** Newest first. */
export function listBackups(dir: string): BackupInfo[] {
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return []
  }
  return names
    .filter((n) => NAME.test(n))
    .sort()
    .reverse()
    .map((n) => {
      const s = NAME.exec(n)![1]!
      return { file: join(dir, n), takenAt: `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}Z`, bytes: statSync(join(dir, n)).size }
    })
}

export async function backupCache(sqlite: Database.Database, dir: string, options: { keep?: number; now?: Date } = {}): Promise<BackupInfo> {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const stamp = (options.now ?? new Date()).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)
  const file = join(dir, `sportello-${stamp}.db`)
  await sqlite.backup(file)
  for (const old of listBackups(dir).slice(options.keep ?? 7)) rmSync(old.file, { force: true })
  return listBackups(dir).find((b) => b.file === file)!
}

/** Whether a new copy is due: none yet, or the newest older than the interval. */
export function backupDue(dir: string, intervalHours = 24, now = new Date()): boolean {
  const newest = listBackups(dir)[0]
  return !newest || now.getTime() - Date.parse(newest.takenAt) >= intervalHours * 3_600_000
}
