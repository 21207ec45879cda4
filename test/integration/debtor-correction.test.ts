// Correcting the debtor of a due still unpaid, at a desk whose backend is the GPD simulator over
// real HTTP: the corrected debtor reaches GPD with the whole position, the audit log keeps the
// reason with before and after, the known citizen takes the new data; refused once something is
// paid, and for a role that may not edit dues (before the click on the due's page, and by the
// services).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { italian } from '../../src-main/contract/messages'
import type { LaunchedSimulator } from '../../src-main/core/simulator/run'
import { simulator } from '../helpers/backend'
import { startLiveDesk, type LiveDesk } from '../helpers/live-desk'

let sim: LaunchedSimulator
let d: LiveDesk
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)
const FISCAL_CODE = 'RSSMRA80A01H501U'
const DEBTOR = { type: 'F' as const, fiscalCode: FISCAL_CODE, fullName: 'Mario Rosi', streetName: 'Via Roma', civicNumber: '1', postalCode: '00060', city: 'Valdoria', province: 'RM', email: 'sbagliata@example.it' }
const CORRECTED = { fullName: 'Mario Rossi', streetName: 'Via Garibaldi', civicNumber: '12/B', postalCode: '00061', city: 'Valdoria', province: 'rm', country: 'IT', email: 'mario.rossi@example.it', phone: '06 1234567' }
const REASON = 'Indirizzo ed e-mail segnalati errati dal cittadino'

async function newDue(fullName = DEBTOR.fullName): Promise<string> {
  const { iupd } = await d.call('dues.create', { dueTypeCode: 'TARI', amount: 12_000, dueDate: inDays(30), debtor: { ...DEBTOR, fullName } })
  expect(await d.app.engine.pushOutbox()).toMatchObject({ conflicts: 0, failed: 0 })
  return iupd
}

beforeAll(async () => {
  sim = await simulator({ seed: 41 })
  d = await startLiveDesk(sim.url, { deskNumber: 17 })
})
afterAll(async () => {
  await d.close()
  await sim.close()
})

describe('correcting the debtor of an unpaid due', () => {
  it('reaches GPD, keeps the fiscal code, and is in the audit log with its reason, before and after', async () => {
    const iupd = await newDue()
    expect(sim.store.get(iupd)).toMatchObject({ fullName: 'Mario Rosi', streetName: 'Via Roma', email: 'sbagliata@example.it' })
    const before = await d.call('dues.get', { iupd })
    expect(before.actions.editDebtor).toEqual({ allowed: true, reason: null })

    const correctedAt = new Date().toISOString()
    const after = await d.call('dues.updateDebtor', { iupd, debtor: CORRECTED, reason: REASON })
    expect(after.debtor).toEqual({ type: 'F', fiscalCode: FISCAL_CODE, fullName: 'Mario Rossi', streetName: 'Via Garibaldi', civicNumber: '12/B', postalCode: '00061', city: 'Valdoria', province: 'RM', country: 'IT', email: 'mario.rossi@example.it', phone: '06 1234567' })
    expect(after.syncState).toBe('pending')
    expect(after.outbox.map((o) => o.operation)).toEqual(['update'])
    // Nothing else about the due changed.
    expect({ amount: after.amountCents, dueDate: after.dueDate, options: after.options.map((o) => o.nav) }).toEqual({ amount: before.amountCents, dueDate: before.dueDate, options: before.options.map((o) => o.nav) })

    expect(await d.app.engine.pushOutbox()).toMatchObject({ pushed: 1, conflicts: 0, failed: 0 })
    const onGpd = sim.store.get(iupd)!
    expect(onGpd).toMatchObject({ fiscalCode: FISCAL_CODE, type: 'F', fullName: 'Mario Rossi', streetName: 'Via Garibaldi', civicNumber: '12/B', postalCode: '00061', city: 'Valdoria', province: 'RM', country: 'IT', email: 'mario.rossi@example.it', phone: '06 1234567' })
    expect(onGpd.paymentOption.map((o) => [o.nav, o.amount])).toEqual(before.options.map((o) => [o.nav, o.amountCents]))

    const synced = await d.call('dues.get', { iupd })
    expect(synced.syncState).toBe('synced')
    expect(synced.debtor.streetName).toBe('Via Garibaldi')
    const entry = synced.history.find((h) => h.action === 'updateDebtor')!
    expect(entry).toMatchObject({ operator: 'Anna Amministratrice', reason: REASON })
    expect(entry.before).toMatchObject({ debtor_name: 'Mario Rosi', debtor_street_name: 'Via Roma', debtor_email: 'sbagliata@example.it', debtor_phone: null, debtor_fiscal_code: FISCAL_CODE })
    expect(entry.after).toMatchObject({ debtor_name: 'Mario Rossi', debtor_street_name: 'Via Garibaldi', debtor_email: 'mario.rossi@example.it', debtor_phone: '06 1234567', debtor_fiscal_code: FISCAL_CODE })
    const stored = d.app.database.sqlite.prepare("SELECT reason, operator FROM audit_log WHERE entity_key = ? AND action = 'updateDebtor'").all(iupd)
    expect(stored).toEqual([{ reason: REASON, operator: 'Anna Amministratrice' }])

    // The known citizen takes the corrected data as the desk's own.
    const known = d.app.database.sqlite.prepare('SELECT full_name, street_name, civic_number, postal_code, province, email, phone, source FROM debtors WHERE fiscal_code = ?').get(FISCAL_CODE)
    expect(known).toEqual({ full_name: 'Mario Rossi', street_name: 'Via Garibaldi', civic_number: '12/B', postal_code: '00061', province: 'RM', email: 'mario.rossi@example.it', phone: '06 1234567', source: 'manual' })
    const dates = JSON.parse(d.app.database.sqlite.prepare<[string], string>('SELECT field_dates_json FROM debtors WHERE fiscal_code = ?').pluck().get(FISCAL_CODE)!) as Record<string, string>
    for (const field of ['fullName', 'streetName', 'email', 'phone']) expect(dates[field]! >= correctedAt, `${field} dated ${dates[field]}`).toBe(true)

    // The same data again is not a correction.
    expect(await d.attempt('dues.updateDebtor', { iupd, debtor: CORRECTED, reason: REASON })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: italian('dues.debtorUnchanged') } })

    // A wrong e-mail can also be removed: GPD no longer has one.
    await d.call('dues.updateDebtor', { iupd, debtor: { ...CORRECTED, email: '' }, reason: 'E-mail non più valida' })
    await d.app.engine.pushOutbox()
    expect(sim.store.get(iupd)!.email).toBeUndefined()
    expect(sim.store.get(iupd)!.streetName).toBe('Via Garibaldi')
    expect(d.app.database.sqlite.prepare('SELECT email FROM debtors WHERE fiscal_code = ?').pluck().get(FISCAL_CODE)).toBeNull()
  })

  it('refuses wrong fields with the contract’s sentences, and never a change of fiscal code', async () => {
    const iupd = await newDue('Giulia Bianchi')
    const attempt = (debtor: Record<string, unknown>) => d.attempt('dues.updateDebtor', { iupd, debtor: { ...CORRECTED, ...debtor } as typeof CORRECTED, reason: REASON })
    expect(await attempt({ email: 'mario.rossi@' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining(italian('input.debtorEmail')) } })
    expect(await attempt({ province: 'Roma' })).toMatchObject({ ok: false, error: { message: expect.stringContaining(italian('input.debtorProvince')) } })
    expect(await attempt({ postalCode: '0061' })).toMatchObject({ ok: false, error: { message: expect.stringContaining(italian('input.debtorPostalCode')) } })
    expect(await attempt({ fullName: '   ' })).toMatchObject({ ok: false, error: { message: expect.stringContaining(italian('input.debtorFullName')) } })
    expect(await attempt({ fiscalCode: 'BNCGLI85C41H501Z' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(await d.attempt('dues.updateDebtor', { iupd, debtor: CORRECTED, reason: 'x' })).toMatchObject({ ok: false, error: { message: expect.stringContaining(italian('input.changeReason')) } })
    // Abroad, the postal code is the country's own.
    const abroad = await d.call('dues.updateDebtor', { iupd, debtor: { ...CORRECTED, postalCode: 'D-8033', city: 'München', province: '', country: 'de' }, reason: 'Trasferito all’estero' })
    expect(abroad.debtor).toMatchObject({ postalCode: 'D-8033', country: 'DE', province: null })
    expect(sim.store.get(iupd)!.fullName).toBe('Giulia Bianchi')
    await d.app.engine.pushOutbox()
    expect(sim.store.get(iupd)).toMatchObject({ fiscalCode: FISCAL_CODE, country: 'DE', postalCode: 'D-8033', city: 'München' })
  })

  it('is refused once the due is paid: disabled with the reason on the due’s page, and by the services', async () => {
    const iupd = await newDue()
    const [option] = (await d.call('dues.get', { iupd })).options
    await d.call('dues.registerPayment', { nav: option!.nav, paidOn: inDays(0), channel: 'contanti' })
    const paid = await d.call('dues.get', { iupd })
    expect(paid.actions.editDebtor.allowed).toBe(false)
    expect(italian(paid.actions.editDebtor.reason!)).toMatch(/^Non è possibile correggere il debitore: /)
    const refused = await d.attempt('dues.updateDebtor', { iupd, debtor: CORRECTED, reason: REASON })
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: italian(paid.actions.editDebtor.reason!) } })
    await d.app.engine.pushOutbox()
    expect(sim.store.get(iupd)).toMatchObject({ status: 'PAID', fullName: 'Mario Rosi', streetName: 'Via Roma' })
    expect(d.app.database.sqlite.prepare("SELECT count(*) FROM audit_log WHERE entity_key = ? AND action = 'updateDebtor'").pluck().get(iupd)).toBe(0)
  })

  it('is refused for a role that may not edit dues', async () => {
    const iupd = await newDue()
    await d.call('operators.save', { username: 'lettore', displayName: 'Luca Lettore', role: 'consultazione', password: 'password-del-lettore', active: true })
    await d.call('auth.login', { username: 'lettore', password: 'password-del-lettore' })
    try {
      const seen = await d.call('dues.get', { iupd })
      expect(seen.actions.editDebtor.allowed).toBe(false)
      expect(italian(seen.actions.editDebtor.reason!)).toBe(italian('auth.roleRefusal', { role: 'consultazione', action: { key: 'auth.permission.dues.edit' } }))
      expect(await d.attempt('dues.updateDebtor', { iupd, debtor: CORRECTED, reason: REASON })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    } finally {
      await d.call('auth.login', { username: 'admin', password: 'password-di-prova-123' })
    }
    expect((await d.call('dues.get', { iupd })).debtor.fullName).toBe('Mario Rosi')
    expect(sim.store.get(iupd)!.fullName).toBe('Mario Rosi')
  })
})
