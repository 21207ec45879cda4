// A desk at a real ente, with the GPD simulator over HTTP as the ente's backend: no demo part acts
// on it (no virtual terminal, no embedded simulator, no switching worlds), the first-run screen
// saves nothing until the backend answers, and desk numbers cannot collide unnoticed.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { italian } from '../../src-main/contract/messages'
import { startCoreApp } from '../../src-main/core/app'
import type { LaunchedSimulator } from '../../src-main/core/simulator/run'
import { simulator } from '../helpers/backend'
import { startLiveDesk, type LiveDesk } from '../helpers/live-desk'
import { ROOT, tempDir } from '../helpers/paths'
import { decodePdf } from '../helpers/pdf'

let sim: LaunchedSimulator
const desks: LiveDesk[] = []
const folders: { cleanup(): void }[] = []
const RESOURCES = join(ROOT, 'resources')
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)
const DEBTOR = { type: 'F' as const, fiscalCode: 'RSSMRA80A01H501U', fullName: 'Mario Rossi', city: 'Valdoria' }

async function desk(deskNumber: number | null): Promise<LiveDesk> {
  const d = await startLiveDesk(sim.url, { deskNumber })
  desks.push(d)
  return d
}

beforeAll(async () => {
  sim = await simulator({ seed: 30 })
})
afterAll(async () => {
  for (const d of desks) await d.close()
  await sim.close()
  for (const f of folders) f.cleanup()
})

describe('a live desk', () => {
  it('has no virtual terminal: no POS action, pos.pay refused, and GPD still has the due unpaid', async () => {
    const d = await desk(5)
    await d.app.engine.fullSync()
    expect(existsSync(join(d.dir, 'simulator'))).toBe(false)
    const row = (await d.call('dues.search', { statuses: ['VALID'], pageSize: 50 })).rows.find((r) => r.installments === 0)!
    const detail = await d.call('dues.get', { iupd: row.iupd })
    expect({ ...detail.actions.pos, reason: detail.actions.pos.reason && italian(detail.actions.pos.reason) }).toEqual({ allowed: false, reason: expect.stringContaining('Nessun terminale POS collegato') })
    expect((await d.call('app.status')).pos.state).toBe('none')
    const refused = await d.attempt('pos.pay', { nav: row.noticeNumber })
    expect(refused).toEqual({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringContaining('Impostazioni › POS'), said: { key: 'pos.noTerminal' } } })
    expect(sim.store.getByNav(row.noticeNumber)!.paymentOption.find((o) => o.nav === row.noticeNumber)!.status).toBe('PO_UNPAID')
    expect(await d.attempt('pos.saveSettings', { mode: 'virtual' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('solo nella prova') } })
    expect((await d.call('app.info')).mode).toBe('live')
  })

  it('refuses to switch a cache between demo and live, saying how to start a new data folder', async () => {
    const live = await desk(7)
    const liveDir = live.dir
    await live.app.close()
    await expect(startCoreApp({ dataDir: liveDir, resourcesDir: RESOURCES, version: 'test', demo: true })).rejects.toThrow(/collegata al pagoPA dell’ente 00723456018.*nuova cartella dati/)
    await expect(startCoreApp({ dataDir: liveDir, resourcesDir: RESOURCES, version: 'test', backend: { mode: 'gpd', baseUrl: 'http://127.0.0.2:9' } })).rejects.toThrow(/non può sincronizzarsi con http:\/\/127\.0\.0\.2:9/)
    expect(existsSync(join(liveDir, 'simulator'))).toBe(false)
    desks.splice(desks.indexOf(live), 1)

    const demoFolder = tempDir()
    folders.push(demoFolder)
    const demo = await startCoreApp({ dataDir: demoFolder.dir, resourcesDir: RESOURCES, version: 'test', demo: true })
    expect(demo.mode).toBe('demo')
    await demo.close()
    await expect(startCoreApp({ dataDir: demoFolder.dir, resourcesDir: RESOURCES, version: 'test', backend: { mode: 'gpd', baseUrl: sim.url } })).rejects.toThrow(/sportello dimostrativo.*nuova cartella dati/)
  })
})

describe('the first-run screen', () => {
  const ENTE = { name: 'Comune di Valdoria', fiscalCode: '00723456018', segregationCode: '01', cbill: '', sector: '', info: '', officeName: '', iupdPrefix: 'VLD' }
  const ADMIN = { username: 'anna.verdi', displayName: 'Anna Verdi', password: 'una-password-lunga' }

  it('saves nothing and starts nothing without a desk number and a backend that answers; then connects the desk', async () => {
    const folder = tempDir()
    folders.push(folder)
    const app = await startCoreApp({ dataDir: folder.dir, resourcesDir: RESOURCES, version: 'test' })
    try {
      expect(app.mode).toBe('setup')
      expect(await app.dispatch('app.info', {})).toMatchObject({ ok: true, value: { mode: 'setup', desk: null } })
      expect(await app.dispatch('dues.search', {})).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringContaining('Configurazione iniziale non completata') } })
      const settingsNow = () => app.database.sqlite.prepare('SELECT key FROM settings ORDER BY key').pluck().all()
      const before = settingsNow()

      const live = { ente: ENTE, desk: { number: 12, name: 'Sportello anagrafe' }, backend: { baseUrl: sim.url }, pos: { mode: 'none' }, printer: null, admin: ADMIN }
      const { desk: _omitted, ...withoutDesk } = live
      expect(await app.dispatch('setup.live', withoutDesk)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('desk') } })
      expect(await app.dispatch('setup.live', { ...live, desk: { number: 900, name: 'x' } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('da 0 a 799') } })
      expect(await app.dispatch('setup.live', { ...live, backend: { baseUrl: 'http://127.0.0.1:9' } })).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringContaining('Nulla è stato salvato') } })
      expect(await app.dispatch('setup.live', { ...live, pos: { mode: 'tcp', host: '127.0.0.1', port: 9, terminalId: '12345678' } })).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringContaining('Nessun terminale') } })
      expect(await app.dispatch('setup.live', { ...live, pos: { mode: 'virtual' } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
      expect(settingsNow()).toEqual(before)
      expect(app.mode).toBe('setup')
      expect(existsSync(join(folder.dir, 'simulator'))).toBe(false)

      const done = await app.dispatch('setup.live', live)
      expect(done).toMatchObject({ ok: true, value: { operator: { username: 'anna.verdi', role: 'amministratore' }, demo: false } })
      expect(app.mode).toBe('live')
      expect(await app.dispatch('app.info', {})).toMatchObject({ ok: true, value: { mode: 'live', desk: { number: 12, name: 'Sportello anagrafe' } } })
      await app.engine.fullSync()
      expect(await app.dispatch('dues.search', {})).toMatchObject({ ok: true, value: { total: sim.store.count() } })
      expect(await app.dispatch('setup.demo', {})).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    } finally {
      await app.close()
    }
    await expect(startCoreApp({ dataDir: folder.dir, resourcesDir: RESOURCES, version: 'test', demo: true })).rejects.toThrow(/collegata al pagoPA/)
  })
})

describe('desk numbers', () => {
  it('a second cache with the same number detects the first at its next sync and stops creating; another number creates freely', async () => {
    const first = await desk(5)
    const created = await first.call('dues.create', { dueTypeCode: 'IMU', amount: 12_000, dueDate: inDays(40), debtor: DEBTOR })
    await first.app.engine.pushOutbox()
    expect(sim.store.get(created.iupd)).toBeDefined()

    const second = await desk(5)
    expect((await second.call('app.status')).deskCollision).toBeNull()
    await second.app.engine.fullSync()
    const status = await second.call('app.status')
    expect(status.deskCollision).toMatchObject({ deskNumber: 5 })
    expect(italian(status.deskCollision!.message)).toContain('Il numero di sportello 5 è usato anche da un altro sportello')
    expect(status.createRefusal).toEqual(status.deskCollision!.message)
    expect(await second.attempt('dues.prepare', { installments: 0 })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('è usato anche da un altro sportello') } })
    expect(await second.attempt('dues.create', { dueTypeCode: 'IMU', amount: 5_000, dueDate: inDays(40), debtor: DEBTOR })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    // The other desk's position is in its cache as the backend's, never as its own.
    expect(second.app.database.sqlite.prepare('SELECT origin FROM positions WHERE iupd = ?').pluck().get(created.iupd)).toBe('backend')
    const other = await desk(6)
    const mine = await other.call('dues.create', { dueTypeCode: 'IMU', amount: 7_000, dueDate: inDays(40), debtor: DEBTOR })
    await other.app.engine.pushOutbox()
    await other.app.engine.fullSync()
    expect(sim.store.get(mine.iupd)).toBeDefined()
    expect((await other.call('app.status')).deskCollision).toBeNull()

    // A number another desk's dues already use is refused; a free one clears the block.
    await second.app.engine.fullSync()
    expect(await second.attempt('desk.save', { number: 6, name: 'Sportello 6' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('Il numero 6 è già usato da un altro sportello') } })
    const moved = await second.call('desk.save', { number: 8, name: 'Sportello 8' })
    expect(moved).toMatchObject({ number: 8, collision: null })
    expect((await second.call('app.status')).deskCollision).toBeNull()
    expect(await second.attempt('dues.prepare', { installments: 0 })).toMatchObject({ ok: true })
    const audit = second.app.database.sqlite.prepare("SELECT reason FROM audit_log WHERE entity_key = 'desk' ORDER BY id DESC LIMIT 1").pluck().get()
    expect(audit).toBe('Numero di sportello da 5 a 8')
  })

  it('never adopts another desk’s position that carries the same identifier and IUVs', async () => {
    const first = await desk(9)
    const created = await first.call('dues.create', { dueTypeCode: 'IMU', amount: 15_000, dueDate: inDays(50), debtor: DEBTOR })
    await first.app.engine.pushOutbox()
    const theirs = sim.store.get(created.iupd)!
    const codes = theirs.paymentOption.map((o) => ({ iuv: o.iuv, nav: o.nav }))

    // A second desk 9 that issued the same codes in the same second, for another citizen.
    const twin = await desk(9)
    twin.app.database.sqlite.prepare("INSERT INTO sync_state (key, value) VALUES ('iuv.counter.009', '9999999999') ON CONFLICT(key) DO UPDATE SET value = excluded.value").run()
    const other = { type: 'F' as const, fiscalCode: 'BNCLCU85M41F205T', fullName: 'Lucia Bianchi' }
    await twin.call('dues.create', { dueTypeCode: 'IMU', iupd: created.iupd, amount: 15_000, dueDate: inDays(50), debtor: other, reserved: codes })
    const pushed = await twin.app.engine.pushOutbox()
    expect(pushed.conflicts).toBe(1)
    expect(sim.store.get(created.iupd)!.fiscalCode).toBe(DEBTOR.fiscalCode)
    const local = twin.app.database.sqlite.prepare('SELECT debtor_fiscal_code AS cf, sync_state AS state FROM positions WHERE iupd = ?').get(created.iupd)
    expect(local).toEqual({ cf: other.fiscalCode, state: 'conflict' })
    expect((await twin.call('app.status')).deskCollision).toMatchObject({ deskNumber: 9 })
  })

  it('a live desk without a number creates nothing, and says where to set it', async () => {
    const unnumbered = await desk(null)
    expect((await unnumbered.call('app.info')).desk).toBeNull()
    // The wizard learns it from the status, before anyone presses "Avanti".
    expect(italian((await unnumbered.call('app.status')).createRefusal!)).toContain('Impostazioni › Sportello')
    expect(await unnumbered.attempt('dues.prepare', { installments: 0 })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('Impostazioni › Sportello') } })
    const detail = await unnumbered.call('desk.get')
    expect(detail).toMatchObject({ number: null, numbersIssued: false })
    await unnumbered.call('desk.save', { number: 14, name: 'Sportello 14' })
    expect((await unnumbered.call('app.status')).createRefusal).toBeNull()
    await unnumbered.call('dues.prepare', { installments: 0 })
    expect(await unnumbered.attempt('desk.save', { number: 15, name: 'Sportello 15' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('confermare') } })
    expect(await unnumbered.call('desk.save', { number: 15, name: 'Sportello 15', confirm: true })).toMatchObject({ number: 15 })
  })
})

describe('an installment plan', () => {
  it('is edited installment by installment: GPD holds the new plan and the notice shows it; refused once something is paid', async () => {
    const d = await desk(11)
    const created = await d.call('dues.create', {
      dueTypeCode: 'TARI',
      amount: 30_000,
      dueDate: inDays(30),
      installments: [{ amount: 10_000, dueDate: inDays(30) }, { amount: 10_000, dueDate: inDays(60) }, { amount: 10_000, dueDate: inDays(90) }],
      debtor: DEBTOR
    })
    await d.app.engine.pushOutbox()
    const before = await d.call('dues.get', { iupd: created.iupd })
    expect(before.actions.edit).toEqual({ allowed: true, reason: null })
    const plan = before.options.filter((o) => o.installmentNo > 0)
    // A single amount is not how a plan changes.
    expect(await d.attempt('dues.update', { iupd: created.iupd, amount: 1_000, reason: 'ricalcolo' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('ciascuna rata') } })

    const after = await d.call('dues.update', {
      iupd: created.iupd,
      installments: [
        { nav: plan[0]!.nav, amount: '120,00', dueDate: inDays(40) },
        { nav: plan[1]!.nav, amount: 9_000, dueDate: inDays(70) },
        { nav: plan[2]!.nav, amount: 9_550, dueDate: inDays(100) }
      ],
      reason: 'Piano rivisto su richiesta del cittadino'
    })
    expect(after.amountCents).toBe(30_550)
    expect(after.options.map((o) => [o.installmentNo, o.amountCents, o.dueDate])).toEqual([[0, 30_550, inDays(40)], [1, 12_000, inDays(40)], [2, 9_000, inDays(70)], [3, 9_550, inDays(100)]])
    const pushed = await d.app.engine.pushOutbox()
    expect(pushed).toMatchObject({ pushed: 1, conflicts: 0, failed: 0 })
    const onGpd = sim.store.get(created.iupd)!.paymentOption.map((o) => [o.nav, o.amount, o.dueDate.slice(0, 10)]).sort()
    expect(onGpd).toEqual(after.options.map((o) => [o.nav, o.amountCents, o.dueDate]).sort())

    const notice = await d.call('notices.pdf', { iupd: created.iupd, layout: 'it' })
    const text = decodePdf(Buffer.from(notice.base64, 'base64')).text
    for (const amount of ['305,50', '120,00', '90,00', '95,50']) expect(text).toContain(amount)
    expect(text).toContain(inDays(100).split('-').reverse().join('/'))

    await d.call('dues.registerPayment', { nav: plan[0]!.nav, paidOn: inDays(0), channel: 'contanti' })
    const paid = await d.call('dues.get', { iupd: created.iupd })
    expect(paid.actions.edit.allowed).toBe(false)
    expect(await d.attempt('dues.update', { iupd: created.iupd, installments: plan.map((o) => ({ nav: o.nav, amount: 10_000, dueDate: o.dueDate })), reason: 'ancora' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  })
})
