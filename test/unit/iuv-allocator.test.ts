import { copyFileSync, existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase, type OpenedDatabase } from '../../src-main/core/db/open'
import { COUNTER_EPOCH_MS, createIuvAllocator } from '../../src-main/core/pagopa/iuv-allocator'
import { isValidNoticeNumber } from '../../src-main/core/pagopa/notice-number'
import { MIGRATIONS, tempDir } from '../helpers/paths'

let cleanups: (() => void)[] = []
afterEach(() => {
  for (const c of cleanups.reverse()) c()
  cleanups = []
})

/** A desk: its own data folder, cache and reservation file, with a clock we control. */
function desk(deskNumber: number, clock = { ms: Date.UTC(2026, 10, 27) }) {
  const { dir, cleanup } = tempDir()
  cleanups.push(cleanup)
  const open = () => {
    const database = openDatabase(join(dir, 'sportello.db'), { migrationsFolder: MIGRATIONS })
    cleanups.push(() => database.sqlite.open && database.close())
    return database
  }
  const database = open()
  const allocatorFor = (db: OpenedDatabase) =>
    createIuvAllocator({ sqlite: db.sqlite, segregationCode: '01', deskNumber, reservationFile: join(dir, 'iuv-reservation.json'), now: () => clock.ms, blockSize: 50 })
  return { dir, database, open, allocatorFor, clock }
}

describe('IUV allocation', () => {
  it('gives valid notice numbers whose base starts with the desk number', () => {
    const d = desk(7)
    const allocator = d.allocatorFor(d.database)
    const codes = Array.from({ length: 200 }, () => allocator.next())
    expect(codes.every((c) => isValidNoticeNumber(c.nav) && c.base.startsWith('007') && c.nav.startsWith('301007'))).toBe(true)
    expect(new Set(codes.map((c) => c.nav)).size).toBe(200)
  })

  it('never collides between two desks working offline at the same moment', () => {
    const clock = { ms: Date.UTC(2026, 10, 27) }
    const a = desk(1, clock)
    const b = desk(2, clock)
    const allocA = a.allocatorFor(a.database)
    const allocB = b.allocatorFor(b.database)
    const seen = new Set<string>()
    for (let i = 0; i < 2_000; i++) {
      for (const alloc of i % 3 === 0 ? [allocB, allocA] : [allocA, allocB]) {
        const { iuv } = alloc.next()
        expect(seen.has(iuv)).toBe(false)
        seen.add(iuv)
      }
      if (i % 100 === 0) clock.ms += 1000
    }
  })

  it('never reuses a number after a crash that lost the last transactions', () => {
    const d = desk(3)
    const issued: string[] = []
    const alloc = d.allocatorFor(d.database)
    for (let i = 0; i < 120; i++) issued.push(alloc.next().iuv)
    // The last 40 allocations happen in a transaction that never commits: the process dies.
    d.database.sqlite.exec('BEGIN')
    for (let i = 0; i < 40; i++) issued.push(alloc.next().iuv)
    d.database.close() // closing without COMMIT rolls the transaction back, as a crash would
    const reopened = d.open()
    const after = d.allocatorFor(reopened)
    for (let i = 0; i < 200; i++) {
      const { iuv } = after.next()
      expect(issued).not.toContain(iuv)
    }
  })

  it('never reuses a number after the cache is restored from an older backup', () => {
    const d = desk(4)
    const alloc = d.allocatorFor(d.database)
    const issued = Array.from({ length: 30 }, () => alloc.next().iuv)
    d.database.sqlite.pragma('wal_checkpoint(TRUNCATE)')
    copyFileSync(join(d.dir, 'sportello.db'), join(d.dir, 'backup.db'))
    for (let i = 0; i < 500; i++) issued.push(alloc.next().iuv)
    d.database.close()
    // Restore the backup over the cache (the reservation file, beside it, is not part of it).
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(d.dir, `sportello.db${suffix}`), { force: true })
    copyFileSync(join(d.dir, 'backup.db'), join(d.dir, 'sportello.db'))
    const restored = d.open()
    const after = d.allocatorFor(restored)
    for (let i = 0; i < 100; i++) expect(issued).not.toContain(after.next().iuv)
  })

  it('never reuses a number when the whole data folder is restored later, thanks to the clock', () => {
    const d = desk(5)
    const alloc = d.allocatorFor(d.database)
    alloc.next()
    d.database.sqlite.pragma('wal_checkpoint(TRUNCATE)')
    const saved = ['sportello.db', 'iuv-reservation.json'].map((f) => {
      copyFileSync(join(d.dir, f), join(d.dir, `${f}.bak`))
      return f
    })
    const issued = Array.from({ length: 100 }, () => alloc.next().iuv)
    d.database.close()
    for (const f of saved) {
      rmSync(join(d.dir, f), { force: true })
      copyFileSync(join(d.dir, `${f}.bak`), join(d.dir, f))
    }
    rmSync(join(d.dir, 'sportello.db-wal'), { force: true })
    d.clock.ms += 60 * 60 * 1000 // the restore happens an hour later
    const after = d.allocatorFor(d.open())
    for (let i = 0; i < 100; i++) expect(issued).not.toContain(after.next().iuv)
  })

  it('keeps growing when the clock goes backwards, and starts from the clock on a new desk', () => {
    const d = desk(6)
    const alloc = d.allocatorFor(d.database)
    const first = alloc.next()
    expect(first.counter).toBe(Math.floor((d.clock.ms - COUNTER_EPOCH_MS) / 1000))
    d.clock.ms -= 86_400_000
    expect(alloc.next().counter).toBe(first.counter + 1)
    expect(existsSync(join(d.dir, 'iuv-reservation.json'))).toBe(true)
  })

  it('refuses desk numbers outside 0-799 (the 8 and 9 blocks belong to demo data)', () => {
    const d = desk(1)
    expect(() => createIuvAllocator({ sqlite: d.database.sqlite, segregationCode: '01', deskNumber: 800, reservationFile: join(d.dir, 'r') })).toThrow(/sportello/)
  })
})
