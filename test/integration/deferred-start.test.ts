// The start keeps first only what must come first (issue 13): the cache opened and its schema
// checked, the first screen's services. The work that can wait (the first sync, the daily copy,
// the retention purge, the full check of the cache after an unclean stop) starts once the first
// screen is up, here a promise the test resolves, and still happens: the copy is taken, closed
// dues leave the cache, and damage found by the check is reported and repaired at the next start.
import { closeSync, existsSync, openSync, writeFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { italian, type Message } from '../../src-main/contract/messages'
import { startCoreApp, type CoreApp } from '../../src-main/core/app'
import { backupCache, BACKUPS_FOLDER, listBackups } from '../../src-main/core/db/backups'
import { damageFlagFile } from '../../src-main/core/db/cache-health'
import { openDatabase } from '../../src-main/core/db/open'
import { seedDemo } from '../../src-main/core/demo/seed'
import { DATABASE_FILE } from '../../src-main/core/paths'
import { createSettingsStore } from '../../src-main/core/settings/settings'
import { TEST_TODAY } from '../helpers/demo-db'
import { LIVE_PASSWORD, prepareLiveFolder } from '../helpers/live-desk'
import { MIGRATIONS, ROOT, tempDir } from '../helpers/paths'

let cleanup: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanup.reverse()) await c()
  cleanup = []
})

/** A live desk's folder with dues in its cache; its backend is unreachable, so the desk starts offline. */
async function deskFolder(setup: (sqlite: ReturnType<typeof openDatabase>['sqlite'], backupsDir: string) => void | Promise<void> = () => undefined) {
  const folder = tempDir('sportello-deferred-')
  cleanup.push(folder.cleanup)
  await prepareLiveFolder(folder.dir, 5)
  const file = join(folder.dir, DATABASE_FILE)
  const backupsDir = join(folder.dir, BACKUPS_FOLDER)
  const db = openDatabase(file, { migrationsFolder: MIGRATIONS })
  try {
    seedDemo(db.sqlite, { dues: 120, seed: 9, today: TEST_TODAY })
    await setup(db.sqlite, backupsDir)
  } finally {
    db.close()
  }
  return { dir: folder.dir, file, backupsDir }
}

function start(dir: string, firstScreen?: Promise<unknown>): Promise<CoreApp> {
  return startCoreApp({
    dataDir: dir,
    resourcesDir: join(ROOT, 'resources'),
    version: 'test',
    backend: { mode: 'gpd', baseUrl: 'http://127.0.0.1:9' },
    backgroundSync: true,
    syncIntervalMs: 3_600_000,
    syncRetryBaseMs: 5,
    log: () => undefined,
    ...(firstScreen ? { firstScreen } : {})
  })
}

async function call<T>(app: CoreApp, method: string, input?: unknown): Promise<T> {
  const result = (await app.dispatch(method, input)) as { ok: boolean; value?: T; error?: { message: string } }
  if (!result.ok) throw new Error(`${method}: ${result.error!.message}`)
  return result.value as T
}

function firstScreenHook() {
  let up = () => {}
  const shown = new Promise<void>((resolve) => (up = resolve))
  return { shown, up }
}

/** Lets the event loop turn a few times: what was started would have made progress by then. */
const turns = async (n = 20) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setTimeout(resolve, 5))
}

const CLOSED_PAST_A_DAY = "SELECT count(*) FROM positions WHERE status IN ('PAID', 'REPORTED', 'INVALID', 'EXPIRED') AND coalesce(paid_at, last_updated_at, due_date) < ?"

describe('the start: first things first, the rest once the first screen is up', () => {
  it('answers the first search before the copy and the purge start; both happen once the first screen is up', async () => {
    const desk = await deskFolder((sqlite) => createSettingsStore(sqlite).set('retention', { closedDays: 1 }))
    const cutoff = new Date(Date.now() - 86_400_000).toISOString()
    const screen = firstScreenHook()
    const app = await start(desk.dir, screen.shown)
    cleanup.push(() => app.close())
    const closedOld = () => app.database.sqlite.prepare(CLOSED_PAST_A_DAY).pluck().get(cutoff) as number
    const before = closedOld()
    expect(before).toBeGreaterThan(0)

    await call(app, 'auth.login', { username: 'admin', password: LIVE_PASSWORD })
    const found = await call<{ total: number }>(app, 'dues.search', { text: '', status: 'all' })
    expect(found.total).toBe(120)
    await turns()
    // Nothing of the work that can wait has started: no copy, nothing purged, no sync attempted.
    expect(listBackups(desk.backupsDir)).toEqual([])
    expect(closedOld()).toBe(before)
    expect(app.engine.state.lastError).toBeNull()

    screen.up()
    await app.firstSync
    await vi.waitFor(() => expect(listBackups(desk.backupsDir)).toHaveLength(1), { timeout: 10_000 })
    await vi.waitFor(() => expect(closedOld()).toBe(0), { timeout: 10_000 })
    expect(app.database.sqlite.prepare("SELECT count(*) FROM audit_log WHERE action = 'purge'").pluck().get()).toBeGreaterThan(0)
    // The rest of the services are there too, loaded in the background.
    const info = await call<{ cacheNotice: Message | null }>(app, 'app.info')
    expect(info.cacheNotice).toBeNull()
    expect(await call<{ username: string }[]>(app, 'operators.list')).toContainEqual(expect.objectContaining({ username: 'admin' }))
  })

  it('after an unclean stop, a cache damaged in its bulk serves the first search; the check in the background reports the damage and the next start rebuilds it', async () => {
    const desk = await deskFolder(async (sqlite, backupsDir) => {
      await backupCache(sqlite, backupsDir)
      sqlite.pragma('wal_checkpoint(TRUNCATE)')
    })
    // A disk fault in an index the search does not use, then a crash: the "in use" marker stays.
    const probe = openDatabase(desk.file, { migrationsFolder: MIGRATIONS })
    const victim = probe.sqlite.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'positions_paid_idx'").pluck().get() as number
    const pageSize = probe.sqlite.pragma('page_size', { simple: true }) as number
    probe.close()
    const fd = openSync(desk.file, 'r+')
    writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (victim - 1) * pageSize)
    closeSync(fd)
    writeFileSync(`${desk.file}.in-uso`, 'crash\n')

    const screen = firstScreenHook()
    const app = await start(desk.dir, screen.shown)
    let closed = false
    cleanup.push(() => closed || app.close())
    await call(app, 'auth.login', { username: 'admin', password: LIVE_PASSWORD })
    expect((await call<{ total: number }>(app, 'dues.search', { text: '', status: 'all' })).total).toBe(120)
    let checked = false
    void app.cacheChecked.then(() => (checked = true))
    await turns()
    expect(checked).toBe(false)

    screen.up()
    expect(await app.cacheChecked).toMatchObject({ state: 'damaged' })
    const info = await call<{ cacheNotice: Message | null }>(app, 'app.info')
    expect(italian(info.cacheNotice!)).toContain('ha trovato dei danni')
    expect(existsSync(damageFlagFile(desk.file))).toBe(true)
    await app.firstSync
    await turns()
    // No copy is taken of a damaged cache: the sound one stays the newest.
    expect(listBackups(desk.backupsDir)).toHaveLength(1)
    await app.close()
    closed = true

    const next = await start(desk.dir)
    cleanup.push(() => next.close())
    const after = await call<{ cacheNotice: Message | null }>(next, 'app.info')
    expect(italian(after.cacheNotice!)).toMatch(/^La cache locale era danneggiata ed è stata ripristinata dalla copia di sicurezza/)
    expect(existsSync(damageFlagFile(desk.file))).toBe(false)
    expect(next.database.sqlite.pragma('quick_check', { simple: true })).toBe('ok')
  })

  it('after an unclean stop, a sound cache is checked in the background; a check cut short by closing is owed by the next start', async () => {
    const desk = await deskFolder()
    writeFileSync(`${desk.file}.in-uso`, 'crash\n')
    const never = new Promise<void>(() => undefined)
    const first = await start(desk.dir, never)
    await first.close()
    // Closed before the first screen: the check never ran, so the next start still owes it.
    const second = await start(desk.dir)
    cleanup.push(() => second.close())
    expect(await second.cacheChecked).toEqual({ state: 'sound' })
    await second.close()
    cleanup.pop()
    // Found sound and closed cleanly: nothing owed any more.
    const third = await start(desk.dir, never)
    cleanup.push(() => third.close())
    expect(await third.cacheChecked).toBeNull()
  })
})
