// "Informazioni": what support asks for, gathered from the cache, the data folder and the status.
import type Database from 'better-sqlite3'
import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { AboutInfo, AppStatus } from '../../contract/app'
import { verifyAuditChain } from '../audit/audit-log'
import { BACKUPS_FOLDER, listBackups } from '../db/backups'
import { LOG_FOLDER } from '../logging/log-file'
import { DATABASE_FILE } from '../paths'
import { deskModeOf } from '../settings/cache-identity'
import { currentDesk } from '../settings/desk'
import type { SettingsStore } from '../settings/settings'

// SQLite's own version: not a table's row, so no schema type; a SELECT without FROM always has its one row.
const sqliteVersion = (sqlite: Database.Database): string => sqlite.prepare<[], { version: string }>('SELECT sqlite_version() AS version').get()!.version

export function aboutInfo(ctx: { sqlite: Database.Database; settings: SettingsStore; dataDir: string; version: string; status: AppStatus }): AboutInfo {
  const file = join(ctx.dataDir, DATABASE_FILE)
  const size = (f: string) => (existsSync(f) ? statSync(f).size : 0)
  const audit = verifyAuditChain(ctx.sqlite)
  return {
    version: ctx.version,
    versions: {
      node: process.versions.node,
      electron: process.versions.electron ?? null,
      chrome: process.versions.chrome ?? null,
      sqlite: sqliteVersion(ctx.sqlite)
    },
    dataDir: ctx.dataDir,
    cacheBytes: size(file) + size(`${file}-wal`),
    cachedDues: ctx.status.cachedDues,
    backups: listBackups(join(ctx.dataDir, BACKUPS_FOLDER)),
    logFile: join(ctx.dataDir, LOG_FOLDER, 'sportello.log'),
    backend: ctx.status.sync.backend,
    terminal: ctx.status.pos.terminal,
    mode: deskModeOf(ctx.settings),
    desk: currentDesk(ctx.settings),
    audit: { ok: audit.ok, entries: audit.entries, problem: audit.problem ? `voce ${audit.problem.id}: ${audit.problem.message}` : null }
  }
}
