// Local copies of the cache, taken online with SQLite's backup API (consistent while the desk
// works), kept in the data folder's "copie" folder; the newest few are kept. The API copies a few
// pages at a time and lets the event loop run in between, so a search is answered while a copy of
// a large cache is being taken.
import type Database from 'better-sqlite3'
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
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

/** Pages copied between two turns of the event loop: about 1 MB, a millisecond or two of work. */
const PAGES_PER_STEP = 256

export async function backupCache(sqlite: Database.Database, dir: string, options: { keep?: number; now?: Date; signal?: AbortSignal } = {}): Promise<BackupInfo> {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const stamp = (options.now ?? new Date()).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)
  const file = join(dir, `sportello-${stamp}.db`)
  // Written under another name and renamed when complete: a copy cut short (the app closing, a
  // power cut) is never taken for a backup, nor restored from.
  const partial = `${file}.parziale`
  for (const name of readdirSync(dir)) if (name.endsWith('.parziale')) rmSync(join(dir, name), { force: true })
  try {
    await sqlite.backup(partial, {
      progress: () => {
        options.signal?.throwIfAborted()
        return PAGES_PER_STEP
      }
    })
  } catch (error) {
    rmSync(partial, { force: true })
    throw error
  }
  renameSync(partial, file)
  for (const old of listBackups(dir).slice(options.keep ?? 7)) rmSync(old.file, { force: true })
  return listBackups(dir).find((b) => b.file === file)!
}

/** Whether a new copy is due: none yet, or the newest older than the interval. */
export function backupDue(dir: string, intervalHours = 24, now = new Date()): boolean {
  const newest = listBackups(dir)[0]
  return !newest || now.getTime() - Date.parse(newest.takenAt) >= intervalHours * 3_600_000
}
