// The full sync writes the pages it reads in batches, one transaction each, with the debtors and
// options of a batch written after its positions (pull.ts, mapper.ts). The rows must be those the
// writer leaves when it takes the same positions one at a time, each in its own transaction, as it
// did before: a position listed twice in one batch (changed on the backend between the two
// listings) included.
import type Database from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../src-main/core/db/open'
import { ensureDemoSetup } from '../../src-main/core/demo/seed'
import type { GpdClient } from '../../src-main/core/gpd/client'
import type { PaymentPositionResponseV3, PaymentPositionsInfoV3 } from '../../src-main/core/gpd/types'
import { createSyncEngine } from '../../src-main/core/sync/engine'
import { createBackendWriter, fromV3 } from '../../src-main/core/sync/mapper'
import { clientFor, simulatorWithCache } from '../helpers/backend'
import { MIGRATIONS, tempDir } from '../helpers/paths'

const env = simulatorWithCache({ seed: 300 })

/** Every position the simulator lists, through the v3 list as the sync reads it. */
async function listAll(client: GpdClient): Promise<PaymentPositionResponseV3[]> {
  const all: PaymentPositionResponseV3[] = []
  for (let page = 0; ; page++) {
    const result = await client.listPositionsV3({ page, limit: 50, orderby: 'IUPD', ordering: 'ASC' })
    all.push(...result.payment_position_list)
    if (page + 1 >= result.page_info.total_pages) return all
  }
}

/** The same position as the backend might list it later: changed, its first option gone when it has more. */
function changedLater(p: PaymentPositionResponseV3): PaymentPositionResponseV3 {
  const options = p.paymentOption ?? []
  return {
    ...p,
    companyName: `${p.companyName} (nuova sede)`,
    lastUpdatedDate: '2030-01-01T10:00:00',
    paymentOption: options.length > 1 ? options.slice(1) : options.map((o) => ({ ...o, installments: (o.installments ?? []).map((i) => ({ ...i, amount: (i.amount ?? 0) + 100 })) }))
  }
}

/** A backend that answers one due-date window with the given positions, 50 a page, and nothing elsewhere. */
function listingClient(positions: PaymentPositionResponseV3[]): GpdClient {
  let answered = false
  return {
    listPositionsV3: ({ page = 0 }: { page?: number }): Promise<PaymentPositionsInfoV3> => {
      const rows = answered && page === 0 ? [] : positions.slice(page * 50, page * 50 + 50)
      if (page === 0) answered = true
      return Promise.resolve({ payment_position_list: rows, page_info: { page, limit: 50, items_found: rows.length, total_pages: rows.length ? Math.ceil(positions.length / 50) : 0 } })
    },
    getPosition: () => Promise.reject(new Error('nessuna lettura singola attesa'))
  } as unknown as GpdClient
}

function newCache(name: string) {
  const t = tempDir()
  const db = openDatabase(join(t.dir, name, 'sportello.db'), { migrationsFolder: MIGRATIONS })
  ensureDemoSetup(db.sqlite)
  return { db, cleanup: () => (db.close(), t.cleanup()) }
}

/** The rows a sync writes, ids included; the write times left out. */
function rowsOf(sqlite: Database.Database) {
  const rows = (sql: string) => sqlite.prepare(sql).raw().all() as unknown[][]
  return {
    positions: rows("SELECT * FROM positions WHERE origin = 'backend' ORDER BY id").map((r) => r.slice(0, -1)),
    options: rows('SELECT * FROM payment_options ORDER BY id'),
    transfers: rows('SELECT * FROM transfers ORDER BY option_id, seq'),
    issuers: rows('SELECT * FROM position_issuers ORDER BY id'),
    debtors: rows('SELECT id, type, fiscal_code, surname, given_name, full_name, street_name, civic_number, postal_code, city, province, country, email, phone, source, field_dates_json FROM debtors ORDER BY id'),
    search: sqlite.prepare('SELECT rowid FROM positions_fts WHERE positions_fts MATCH ? ORDER BY rowid').raw().all(searchTerms(sqlite))
  }
}

/** The first word of every debtor's name and causale, as one full-text query. */
function searchTerms(sqlite: Database.Database): string {
  const texts = sqlite.prepare("SELECT debtor_name || ' ' || causale FROM positions WHERE origin = 'backend' ORDER BY id LIMIT 20").pluck().all() as string[]
  const words = new Set(texts.flatMap((t) => t.split(/[^\p{L}\d]+/u).filter((w) => w.length > 2).slice(0, 1)))
  return [...words].map((w) => `"${w}"`).join(' OR ')
}

describe('full sync in batches', () => {
  it('writes the rows the writer leaves one position at a time, a position listed twice in a batch included', async () => {
    const listed = await listAll(clientFor(env.sim))
    expect(listed.length).toBeGreaterThan(200)
    // The second listing of one position comes in the same batch as its first.
    const twice = listed[10]!
    const stream = [...listed.slice(0, 40), changedLater(twice), ...listed.slice(40)]

    const oneByOne = newCache('uno-alla-volta')
    const batched = newCache('a-lotti')
    try {
      const writer = createBackendWriter(oneByOne.db.sqlite)
      for (const p of stream) oneByOne.db.sqlite.transaction(() => writer.write(fromV3(p)))()

      const engine = createSyncEngine({ sqlite: batched.db.sqlite, client: listingClient(stream), horizon: { pastDays: 0, futureDays: 0 }, pagesInFlight: 1 })
      const summary = await engine.fullSync()
      expect(summary.created).toBe(listed.length)
      expect(summary.updated).toBe(1)

      expect(rowsOf(batched.db.sqlite)).toEqual(rowsOf(oneByOne.db.sqlite))
      expect(rowsOf(batched.db.sqlite).search.length).toBeGreaterThan(0)
    } finally {
      oneByOne.cleanup()
      batched.cleanup()
    }
  })
})
