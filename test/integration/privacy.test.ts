// Citizens' personal data in the cache, against the GPD simulator over HTTP: one citizen's export,
// their erasure (closed dues go and the sync does not bring them back; dues still to be paid
// stay), the purge of closed dues past the retention period, and a data folder only its user reads.
import { mkdtempSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type OpenedDatabase } from '../../src-main/core/db/open'
import { ensureDemoSetup } from '../../src-main/core/demo/seed'
import { secureDataDir } from '../../src-main/core/paths'
import { createCitizenData } from '../../src-main/core/privacy/citizen-data'
import { createSettingsStore } from '../../src-main/core/settings/settings'
import type { LaunchedSimulator } from '../../src-main/core/simulator/run'
import { createSyncEngine } from '../../src-main/core/sync/engine'
import { clientFor, simulator } from '../helpers/backend'
import { MIGRATIONS, tempDir } from '../helpers/paths'
import { runCli } from '../helpers/processes'

const data = tempDir()
let sim: LaunchedSimulator
let db: OpenedDatabase
let citizens: ReturnType<typeof createCitizenData>
let engine: ReturnType<typeof createSyncEngine>

beforeAll(async () => {
  sim = await simulator({ seed: 400 })
  db = openDatabase(join(data.dir, 'sportello.db'), { migrationsFolder: MIGRATIONS })
  ensureDemoSetup(db.sqlite)
  citizens = createCitizenData(db.sqlite, createSettingsStore(db.sqlite))
  engine = createSyncEngine({ sqlite: db.sqlite, client: clientFor(sim), admits: (p) => citizens.keeps(p) })
  await engine.fullSync()
})
afterAll(async () => {
  await sim.close()
  db.close()
  data.cleanup()
})

/** A citizen with at least one closed due and one still to be paid in a single payment. */
function citizenWithBoth(): string {
  return db.sqlite
    .prepare(
      `SELECT debtor_fiscal_code FROM positions GROUP BY debtor_fiscal_code
        HAVING sum(status IN ('PAID', 'INVALID', 'EXPIRED', 'REPORTED')) > 0
           AND sum(status = 'VALID' AND (SELECT count(*) FROM payment_options o WHERE o.position_id = positions.id AND o.is_partial_payment = 0) = 1) > 0 LIMIT 1`
    )
    .pluck()
    .get() as string
}
const duesOf = (code: string) => db.sqlite.prepare('SELECT iupd, status FROM positions WHERE debtor_fiscal_code = ? ORDER BY iupd').all(code) as { iupd: string; status: string }[]

describe('a citizen’s data in the cache', () => {
  it('exports everything the cache holds about one citizen, and records that it did without naming them', () => {
    const code = citizenWithBoth()
    const exported = citizens.export(code.toLowerCase(), 'Mario Rossi') as { fiscalCode: string; registry: { fiscal_code: string } | null; dues: { iupd: string; paymentOptions: { nav: string; transfers: unknown[] }[]; history: unknown[] }[] }
    expect(exported.fiscalCode).toBe(code)
    expect(exported.registry?.fiscal_code).toBe(code)
    expect(exported.dues.map((d) => d.iupd).sort()).toEqual(duesOf(code).map((d) => d.iupd))
    expect(exported.dues.every((d) => d.paymentOptions.length > 0 && d.paymentOptions.every((o) => o.transfers.length > 0))).toBe(true)
    const entry = db.sqlite.prepare("SELECT entity_key, reason FROM audit_log WHERE action = 'privacyExport' ORDER BY id DESC LIMIT 1").get() as { entity_key: string; reason: string }
    expect(entry.entity_key).toMatch(/^[0-9a-f]{64}$/)
    expect(JSON.stringify(entry)).not.toContain(code)
    expect(() => citizens.export('RSSMRA80A01H501U', 'x')).toThrow('Nessun dato del codice fiscale RSSMRA80A01H501U')
  })

  it('erases a citizen: closed dues go and stay gone after a full sync; dues still to be paid stay', async () => {
    const code = citizenWithBoth()
    const before = duesOf(code)
    const open = before.filter((d) => ['VALID', 'PARTIALLY_PAID'].includes(d.status)).map((d) => d.iupd)
    const result = citizens.erase(code, 'Mario Rossi')
    expect(result).toEqual({ removedDues: before.length - open.length, keptDues: open, registryRemoved: true })
    expect(duesOf(code).map((d) => d.iupd)).toEqual(open)

    await engine.fullSync()
    expect(duesOf(code).map((d) => d.iupd)).toEqual(open)
    // Paid by the citizen later through a PSP: the kept due closes, and leaves the cache too.
    const single = db.sqlite.prepare(`SELECT o.nav, p.iupd FROM positions p JOIN payment_options o ON o.position_id = p.id WHERE p.debtor_fiscal_code = ? AND p.status = 'VALID' AND o.is_partial_payment = 0 LIMIT 1`).get(code) as { nav: string; iupd: string } | undefined
    expect(single).toBeDefined()
    {
      const paid = await fetch(`${sim.url}/gpd/debt-positions-service/internal/v1/organizations/00723456018/paymentoptions/${single!.nav}/pay`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ pspCompany: 'Poste Italiane', idReceipt: 'RCPT-9', paymentMethod: 'PO' })
      })
      expect(paid.status).toBe(200)
      await engine.pullPayments()
      expect(duesOf(code).map((d) => d.iupd)).not.toContain(single!.iupd)
    }
  })

  it('purges closed dues past the retention period, keeping open ones and their history', () => {
    const settings = createSettingsStore(db.sqlite)
    const closedBefore = db.sqlite.prepare("SELECT count(*) FROM positions WHERE status IN ('PAID', 'INVALID', 'EXPIRED', 'REPORTED')").pluck().get() as number
    const openBefore = db.sqlite.prepare("SELECT count(*) FROM positions WHERE status NOT IN ('PAID', 'INVALID', 'EXPIRED', 'REPORTED')").pluck().get() as number
    const auditBefore = db.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get() as number
    expect(closedBefore).toBeGreaterThan(0)
    // Seen from ten years on, with the shortest period: every closed due is past it.
    settings.set('retention', { closedDays: 30 })
    const purged = citizens.purgeClosed(new Date(Date.now() + 3650 * 86_400_000))
    expect(purged).toBe(closedBefore)
    expect(db.sqlite.prepare("SELECT count(*) FROM positions WHERE status IN ('PAID', 'INVALID', 'EXPIRED', 'REPORTED')").pluck().get()).toBe(0)
    expect(db.sqlite.prepare('SELECT count(*) FROM positions').pluck().get()).toBe(openBefore)
    expect(db.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(auditBefore + 1)
    settings.set('retention', { closedDays: 730 })
  })

  it('from the command line: export to a file only its user reads, erase, purge', async () => {
    const code = db.sqlite.prepare('SELECT debtor_fiscal_code FROM positions LIMIT 1').pluck().get() as string
    db.sqlite.pragma('wal_checkpoint(TRUNCATE)')
    const file = join(data.dir, 'export.json')
    const exported = await runCli(['privacy', 'export', code, '-o', file, '--data', data.dir])
    expect(exported.code, exported.stderr).toBe(0)
    expect(JSON.parse(readFileSync(file, 'utf8')).fiscalCode).toBe(code)
    expect(statSync(file).mode & 0o077).toBe(0)
    const erased = await runCli(['privacy', 'erase', code, '--data', data.dir])
    expect(erased.code, erased.stderr).toBe(0)
    expect(JSON.parse(erased.stdout)).toMatchObject({ registryRemoved: true })
    const unknown = await runCli(['privacy', 'erase', 'RSSMRA80A01H501U', '--data', data.dir])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('Nessun dato del codice fiscale RSSMRA80A01H501U')
    const purge = await runCli(['privacy', 'purge', '--data', data.dir])
    expect(purge.stdout).toBe('Dovuti chiusi rimossi: 0\n')
  })

  it('keeps the data folder readable by its user alone, narrowing one left open', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'sportello-perm-')), 'dati')
    secureDataDir(dir)
    expect(statSync(dir).mode & 0o777).toBe(0o700)
    secureDataDir(dir)
    expect(statSync(dir).mode & 0o777).toBe(0o700)
  })
})
