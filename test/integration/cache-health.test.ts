// The cache at startup: damaged after a crash, it is set aside and rebuilt from the newest backup
// with the changes not yet sent carried over; unreadable with no backup, it starts empty and says
// so; held by another program, it is reported, not "repaired". Backups and restore from the CLI.
import Database from 'better-sqlite3'
import { closeSync, existsSync, openSync, readdirSync, writeFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { NewDueInput, UpdateDueInput } from '../../src-main/contract/dues'
import { italian } from '../../src-main/contract/messages'
import { backupCache, BACKUPS_FOLDER, listBackups } from '../../src-main/core/db/backups'
import { openCheckedCache } from '../../src-main/core/db/cache-health'
import { seedDemo } from '../../src-main/core/demo/seed'
import { createDueCommands } from '../../src-main/core/dues/commands'
import { createDueSearch } from '../../src-main/core/dues/search'
import { DATABASE_FILE } from '../../src-main/core/paths'
import { createSettingsStore } from '../../src-main/core/settings/settings'
import { TEST_TODAY } from '../helpers/demo-db'
import { MIGRATIONS, tempDir } from '../helpers/paths'
import { runCli } from '../helpers/processes'

let cleanup: (() => void)[] = []
afterEach(() => {
  for (const c of cleanup.reverse()) c()
  cleanup = []
})

const inAMonth = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10)
const newDue = (i: number) =>
  NewDueInput.parse({ dueTypeCode: 'SEGR', causaleFields: { numero: String(i) }, amount: 1_000 + i, dueDate: inAMonth, debtor: { type: 'F', fiscalCode: 'RSSMRA80A01H501U', fullName: `ROSSI MARIO ${i}` } })

function dataFolder() {
  const dir = tempDir()
  cleanup.push(dir.cleanup)
  const file = join(dir.dir, DATABASE_FILE)
  const backupsDir = join(dir.dir, BACKUPS_FOLDER)
  const open = () => openCheckedCache(file, { migrationsFolder: MIGRATIONS, backupsDir })
  return { dir: dir.dir, file, backupsDir, open }
}

/** A desk that worked after its last backup, then crashed: work written, file left open. */
async function deskThatCrashed() {
  const folder = dataFolder()
  const { database } = folder.open()
  seedDemo(database.sqlite, { dues: 40, seed: 3, today: TEST_TODAY })
  createSettingsStore(database.sqlite).set('desk', { number: 2, name: 'Sportello 2' })
  await backupCache(database.sqlite, folder.backupsDir)
  const commands = createDueCommands({ sqlite: database.sqlite, settings: createSettingsStore(database.sqlite), dataDir: folder.dir, operator: () => 'test' })
  const created = [1, 2, 3].map((i) => commands.create(newDue(i)).iupd)
  const edited = database.sqlite.prepare("SELECT iupd FROM positions WHERE status = 'VALID' AND iupd NOT IN (SELECT iupd FROM outbox) LIMIT 1").pluck().get() as string
  commands.update(UpdateDueInput.parse({ iupd: edited, amount: 4_321, reason: 'ricalcolo' }) as never)
  const pending = database.sqlite.prepare("SELECT count(*) FROM outbox WHERE state = 'pending'").pluck().get() as number
  const outboxRoot = database.sqlite.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'outbox'").pluck().get() as number
  // Everything into the main file, then a crash: the handle goes, the "in use" marker stays.
  database.sqlite.pragma('wal_checkpoint(TRUNCATE)')
  const victim = database.sqlite.prepare("SELECT rootpage FROM sqlite_master WHERE type = 'index' AND tbl_name = 'positions' AND rootpage != ? ORDER BY rootpage DESC LIMIT 1").pluck().get(outboxRoot) as number
  const pageSize = database.sqlite.pragma('page_size', { simple: true }) as number
  database.sqlite.close()
  // A disk fault: one page of an index of the dues becomes noise.
  const fd = openSync(folder.file, 'r+')
  writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (victim - 1) * pageSize)
  closeSync(fd)
  return { ...folder, created, edited, pending }
}

describe('the cache at startup', () => {
  it('damaged after a crash: set aside, rebuilt from the backup, and the changes not yet sent survive', async () => {
    const desk = await deskThatCrashed()
    const damaged = new Database(desk.file)
    expect(damaged.pragma('quick_check', { simple: true })).not.toBe('ok')
    damaged.close()

    const { database, recovery } = desk.open()
    cleanup.push(() => database.close())
    expect(recovery).toMatchObject({ restoredFrom: listBackups(desk.backupsDir)[0]!.file, salvagedChanges: desk.pending, salvagedDues: 4 })
    expect(italian(recovery!.message)).toMatch(/^La cache locale era danneggiata ed è stata ripristinata dalla copia di sicurezza sportello-\d{8}-\d{6}\.db\. Modifiche non ancora inviate recuperate: 4 \(su 4 dovuti\)\./)
    expect(existsSync(recovery!.damagedFile)).toBe(true)
    const sqlite = database.sqlite
    expect(sqlite.pragma('quick_check', { simple: true })).toBe('ok')
    for (const iupd of desk.created) {
      expect(sqlite.prepare('SELECT count(*) FROM payment_options o JOIN positions p ON p.id = o.position_id WHERE p.iupd = ?').pluck().get(iupd)).toBe(1)
    }
    expect(sqlite.prepare('SELECT amount_cents FROM positions WHERE iupd = ?').pluck().get(desk.edited)).toBe(4_321)
    expect(sqlite.prepare("SELECT count(*) FROM outbox WHERE state = 'pending'").pluck().get()).toBe(desk.pending)
    // The search finds the salvaged dues (its index follows the rows).
    const found = createDueSearch(sqlite)({ text: 'rossi mario', status: 'all', page: 1, pageSize: 50, sort: 'dueDate', direction: 'desc' })
    expect(found.rows.map((r) => r.iupd)).toEqual(expect.arrayContaining(desk.created))
  })

  it('unreadable with no backup: starts empty and says the sync will refill it', () => {
    const folder = dataFolder()
    writeFileSync(folder.file, 'questo non è un database SQLite'.repeat(200))
    const { database, recovery } = folder.open()
    cleanup.push(() => database.close())
    expect(recovery).toMatchObject({ restoredFrom: null, salvagedChanges: 0 })
    expect(italian(recovery!.message)).toContain('ricreata vuota (nessuna copia di sicurezza integra): la sincronizzazione la riempirà di nuovo')
    expect(database.sqlite.prepare('SELECT count(*) FROM positions').pluck().get()).toBe(0)
    expect(readdirSync(folder.dir).some((n) => n.startsWith('sportello.danneggiato-'))).toBe(true)
  })

  it('held by another program: says so, and touches nothing', () => {
    const folder = dataFolder()
    folder.open().database.close()
    const holder = new Database(folder.file)
    holder.pragma('locking_mode = EXCLUSIVE')
    holder.exec('BEGIN EXCLUSIVE')
    try {
      expect(() => folder.open()).toThrow('è bloccata da un altro programma')
      expect(readdirSync(folder.dir).some((n) => n.includes('danneggiato'))).toBe(false)
    } finally {
      holder.exec('ROLLBACK')
      holder.close()
    }
  })

  it('backups and restore from the command line; the replaced cache keeps its unsent changes', async () => {
    const folder = dataFolder()
    const { database } = folder.open()
    seedDemo(database.sqlite, { dues: 20, seed: 5, today: TEST_TODAY })
    createSettingsStore(database.sqlite).set('desk', { number: 2, name: 'Sportello 2' })
    database.close()
    const made = await runCli(['backup', '--data', folder.dir])
    expect(made.code, made.stderr).toBe(0)
    const [backup] = listBackups(folder.backupsDir)
    expect(made.stdout).toContain(backup!.file)
    expect((await runCli(['backup', '--data', folder.dir, '--list'])).stdout).toContain(backup!.file)

    const later = folder.open().database
    const commands = createDueCommands({ sqlite: later.sqlite, settings: createSettingsStore(later.sqlite), dataDir: folder.dir, operator: () => 'test' })
    const iupd = commands.create(newDue(9)).iupd
    // Refused while the app has the folder open.
    const refused = await runCli(['restore', '--from', backup!.file, '--data', folder.dir])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('chiuderlo prima di ripristinare')
    later.close()

    const restored = await runCli(['restore', '--from', backup!.file, '--data', folder.dir])
    expect(restored.code, restored.stderr).toBe(0)
    expect(restored.stdout).toContain('Modifiche non ancora inviate recuperate: 1 (su 1 dovuti)')
    const after = folder.open().database
    cleanup.push(() => after.close())
    expect(after.sqlite.prepare('SELECT count(*) FROM positions WHERE iupd = ?').pluck().get(iupd)).toBe(1)
    expect(after.sqlite.prepare('SELECT count(*) FROM positions').pluck().get()).toBe(21)
  })
})
