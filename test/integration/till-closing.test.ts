// "Chiusura di cassa": a mixed day at the desk (cash, cheque, a bank transfer, the desk's own POS
// through the virtual terminal, a POS not connected to the desk) counted per channel, operator and
// due type; the cash counted against the cash expected; the report read back (PDF with pdftotext,
// CSV parsed); and a closed day that refuses changes, on a real SQLite file.
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { RegisterPaymentInput } from '../../src-main/contract/dues'
import { AppError } from '../../src-main/contract/errors'
import { formatCents, formatNoticeNumber } from '../../src-main/contract/format'
import { italian } from '../../src-main/contract/messages'
import { TillCloseInput } from '../../src-main/contract/till'
import { createDueCommands } from '../../src-main/core/dues/commands'
import { createTill } from '../../src-main/core/till/till'
import { setupPosDesk } from '../helpers/pos-desk'

let cleanup: (() => void | Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanup.reverse()) await c()
  cleanup = []
})

const DAY = '2026-11-27'
const NEXT_DAY = '2026-11-28'
/** pdftotext lays numbers out with ordinary spaces; the PDF itself has the narrow one of it-IT. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ')
const pdfText = (pdf: Uint8Array) => plain(execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString('utf8'))
const csvRows = (bytes: Uint8Array) =>
  new TextDecoder('utf-8', { ignoreBOM: true })
    .decode(bytes)
    .split('\r\n')
    .map((line) => line.split(';'))
const csvAmount = (cents: number) => `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)},${String(Math.abs(cents) % 100).padStart(2, '0')}`

interface Due {
  iupd: string
  nav: string
  amountCents: number
  dueType: string | null
}

/** A desk with its virtual terminal, dues to take payments for, and clerks registering them by hand. */
function desk(dues = 8) {
  const pos = setupPosDesk(cleanup)
  const { sqlite } = pos.db
  const singles = sqlite
    .prepare(
      `SELECT p.iupd, o.nav, o.amount_cents AS amountCents, t.label AS dueType FROM positions p JOIN payment_options o ON o.position_id = p.id LEFT JOIN due_types t ON t.id = p.due_type_id
       WHERE p.status = 'VALID' AND (SELECT count(*) FROM payment_options x WHERE x.position_id = p.id) = 1 ORDER BY p.id LIMIT ?`
    )
    .all(dues) as Due[]
  expect(singles).toHaveLength(dues)
  const clerk = (name: string, today = DAY) => createDueCommands({ sqlite, settings: pos.settings, dataDir: join(sqlite.name, '..'), operator: () => name, today: () => today })
  const pay = (name: string, due: Due, channel: 'contanti' | 'assegno' | 'bonifico' | 'pos', options: { paidOn?: string; reference?: string; today?: string } = {}) =>
    clerk(name, options.today).registerPayment(RegisterPaymentInput.parse({ nav: due.nav, paidOn: options.paidOn ?? options.today ?? DAY, channel, reference: options.reference }))
  const till = (today = DAY, operator = 'Anna Neri') => createTill({ sqlite, settings: pos.settings, operator: () => operator, today: () => today })
  const lastPaymentId = () => sqlite.prepare('SELECT max(id) FROM desk_payments').pluck().get() as number
  return { ...pos, sqlite, singles, pay, till, lastPaymentId }
}

function refusal(work: () => unknown): string {
  try {
    work()
  } catch (e) {
    expect(e).toBeInstanceOf(AppError)
    return italian((e as AppError).said)
  }
  throw new Error('expected a refusal')
}

describe('the cash closing of a mixed day', () => {
  it('counts every channel, operator and due type, lists the receipts, reconciles the POS, and prints it all', async () => {
    const { sqlite, singles, pay, till, desk: terminal, lastPaymentId } = desk(7)
    const [cash, cheque, card1, card2, offline, transfer, cash2] = singles as [Due, Due, Due, Due, Due, Due, Due]
    pay('Anna Neri', cash, 'contanti')
    pay('Bruno Verdi', cheque, 'assegno', { reference: 'assegno 4471' })
    expect((await terminal.pay(card1.nav)).state).toBe('approved')
    expect((await terminal.pay(card2.nav)).state).toBe('approved')
    pay('Anna Neri', offline, 'pos', { reference: 'scontrino 88' })
    pay('Bruno Verdi', cash2, 'contanti')
    // A transfer recorded before receipts existed: it is counted, and listed without a receipt.
    const optionOf = (nav: string) => sqlite.prepare('SELECT id FROM payment_options WHERE nav = ?').pluck().get(nav) as number
    sqlite
      .prepare("INSERT INTO desk_payments (option_id, channel, paid_at, amount_cents, reference, operator) VALUES (?, 'bonifico', ?, ?, 'CRO 0001', 'Anna Neri')")
      .run(optionOf(transfer.nav), `${DAY}T12:00:00`, transfer.amountCents)
    const transferId = lastPaymentId()
    // The cash payment has its numbered receipt (the receipt book's own, or this one if none was issued).
    const cashId = sqlite.prepare('SELECT d.id FROM desk_payments d JOIN payment_options o ON o.id = d.option_id WHERE o.nav = ?').pluck().get(cash.nav) as number
    sqlite.prepare("INSERT OR IGNORE INTO receipts (year, desk_number, number, desk_payment_id, issued_at, operator) VALUES (2026, 1, 999001, ?, ?, 'Anna Neri')").run(cashId, new Date().toISOString())
    const receiptOf = (id: number) => {
      const r = sqlite.prepare('SELECT year, number FROM receipts WHERE desk_payment_id = ?').get(id) as { year: number; number: number } | undefined
      return r ? `${r.number}/${r.year}` : null
    }
    const posClosure = await terminal.closeDay()
    expect(posClosure.balanced).toBe(true)

    const day = till().day()
    expect(day).toMatchObject({ day: DAY, today: DAY, closing: null, closeAction: { allowed: true, reason: null } })
    const open = day.open!
    const cents = (...dues: Due[]) => dues.reduce((sum, d) => sum + d.amountCents, 0)
    expect(open.totals.channels).toEqual([
      { channel: 'contanti', count: 2, cents: cents(cash, cash2) },
      { channel: 'assegno', count: 1, cents: cents(cheque) },
      { channel: 'bonifico', count: 1, cents: cents(transfer) },
      { channel: 'pos-integrato', count: 2, cents: cents(card1, card2) },
      { channel: 'pos', count: 1, cents: cents(offline) }
    ])
    expect(open.totals).toMatchObject({ count: 7, cents: cents(...singles), cashCents: cents(cash, cash2) })
    expect(open.totals.operators).toEqual([
      { operator: 'Anna Neri', count: 3, cents: cents(cash, offline, transfer) },
      { operator: 'Bruno Verdi', count: 2, cents: cents(cheque, cash2) },
      { operator: 'Operatore di prova', count: 2, cents: cents(card1, card2) }
    ])
    const byType = new Map<string | null, { count: number; cents: number }>()
    for (const d of singles) {
      const t = byType.get(d.dueType) ?? { count: 0, cents: 0 }
      byType.set(d.dueType, { count: t.count + 1, cents: t.cents + d.amountCents })
    }
    expect(open.totals.dueTypes).toHaveLength(byType.size)
    for (const t of open.totals.dueTypes) expect({ count: t.count, cents: t.cents }).toEqual(byType.get(t.dueType))
    expect(open.totals.dueTypes.reduce((s, t) => s + t.cents, 0)).toBe(open.totals.cents)
    expect(open.payments.map((p) => p.nav)).toEqual([cash, cheque, card1, card2, offline, cash2, transfer].map((d) => d.nav))
    expect(open.payments.map((p) => p.receipt)).toEqual(open.payments.map((p) => receiptOf(p.id)))
    expect(open.payments.find((p) => p.id === cashId)!.receipt).toMatch(/^\d+\/2026$/)
    expect(open.payments.find((p) => p.id === transferId)).toMatchObject({ channel: 'bonifico', receipt: null, reference: 'CRO 0001' })
    expect(open.pos).toEqual({ closures: [expect.objectContaining({ id: posClosure.id, balanced: true, journalCents: cents(card1, card2) })], unclosedCount: 0, unclosedCents: 0 })
    expect(open.lastPaymentId).toBe(transferId)

    // The drawer holds exactly the cash taken: no note needed.
    const closing = till().close(TillCloseInput.parse({ countedCents: cents(cash, cash2) }))
    expect(closing).toMatchObject({ day: DAY, deskNumber: 1, operator: 'Anna Neri', lastPaymentId: transferId, floatCents: 0, expectedCashCents: cents(cash, cash2), countedCents: cents(cash, cash2), differenceCents: 0, note: null })
    expect(closing.totals).toEqual(open.totals)
    expect(till().day()).toMatchObject({ closing: { id: closing.id }, open: { payments: [], totals: { count: 0, cents: 0 }, pos: { closures: [] } }, closeAction: { allowed: false, reason: { key: 'till.alreadyClosed' } } })
    expect(till().closings().map((c) => c.id)).toEqual([closing.id])
    expect(sqlite.prepare("SELECT count(*) FROM audit_log WHERE action = 'tillClosing' AND entity = 'till' AND entity_key = ?").pluck().get(DAY)).toBe(1)

    const csv = await till().report(closing.id, 'csv')
    expect(csv.filename).toBe(`chiusura-cassa-${DAY}-${closing.id}.csv`)
    const rows = csvRows(csv.bytes)
    expect(rows[0]).toEqual(['\uFEFFData e ora', 'Ricevuta', 'Numero avviso', 'Codice dovuto', 'Tipo di dovuto', 'Mezzo', 'Riferimento', 'Importo', 'Operatore'])
    const line = (nav: string) => rows.find((r) => r[2] === `="${nav}"`)!
    expect(line(transfer.nav).slice(1)).toEqual(['—', `="${transfer.nav}"`, transfer.iupd, transfer.dueType ?? 'Senza tipo', 'Bonifico', 'CRO 0001', csvAmount(transfer.amountCents), 'Anna Neri'])
    expect(line(cash.nav)[1]).toBe(`="${receiptOf(cashId)}"`)
    expect(line(cheque.nav).slice(5)).toEqual(['Assegno', 'assegno 4471', csvAmount(cheque.amountCents), 'Bruno Verdi'])
    expect(line(card1.nav)[5]).toBe('POS integrato')
    expect(line(offline.nav)[5]).toBe('POS non collegato')
    const summary = (label: string) => rows.find((r) => r[0] === label)
    expect(summary('Totale')).toEqual(['Totale', '7', csvAmount(cents(...singles))])
    expect(summary('Per mezzo di pagamento · Contanti')).toEqual(['Per mezzo di pagamento · Contanti', '2', csvAmount(cents(cash, cash2))])
    expect(summary('Per mezzo di pagamento · POS integrato')).toEqual(['Per mezzo di pagamento · POS integrato', '2', csvAmount(cents(card1, card2))])
    expect(summary('Per operatore · Bruno Verdi')).toEqual(['Per operatore · Bruno Verdi', '2', csvAmount(cents(cheque, cash2))])
    expect(summary('Contanti contati')).toEqual(['Contanti contati', '', csvAmount(cents(cash, cash2))])
    expect(summary('Differenza')).toEqual(['Differenza', '', '0,00'])
    expect(summary('POS integrato')![1]).toMatch(/Quadratura corretta: 2 pagamenti approvati/)

    const pdf = await till().report(closing.id, 'pdf')
    expect(pdf.filename).toBe(`chiusura-cassa-${DAY}-${closing.id}.pdf`)
    const text = pdfText(pdf.bytes)
    expect(text).toContain('Chiusura di cassa')
    expect(text).toMatch(/Giornata del 27\/11\/2026 · sportello 1 · chiusa il .* da Anna Neri/)
    expect(text).toContain(plain(`Totale incassato: ${formatCents(cents(...singles))} (7 pagamenti)`))
    expect(text).toMatch(new RegExp(`POS non collegato\\s+${plain(formatCents(offline.amountCents)).replace('.', '\\.')}\\s+1 pagamento`))
    expect(text).toMatch(new RegExp(`Contanti attesi\\s+${plain(formatCents(cents(cash, cash2))).replace('.', '\\.')}`))
    expect(text).toMatch(/Differenza\s+nessuna/)
    expect(text).toContain('Quadratura corretta: 2 pagamenti approvati')
    expect(text).toContain(formatNoticeNumber(card2.nav))
    expect(text).toMatch(new RegExp(`${receiptOf(cashId)!.replace('/', '\\/')}\\s+${formatNoticeNumber(cash.nav)}`))
    expect(text).toMatch(new RegExp(`—\\s+${formatNoticeNumber(transfer.nav)}`))
  })

  it('asks for a note when the cash counted differs from the cash expected, then records the difference', async () => {
    const { singles, pay, till } = desk(2)
    const [a, b] = singles as [Due, Due]
    pay('Anna Neri', a, 'contanti')
    pay('Anna Neri', b, 'contanti')
    const float = 5000
    const expected = float + a.amountCents + b.amountCents
    const counted = expected - 250
    // The drawer is 2,50 € short: closing without a word about it is refused, and nothing is written.
    expect(refusal(() => till().close(TillCloseInput.parse({ countedCents: counted, floatCents: float })))).toBe(`I contanti contati differiscono da quelli attesi (${formatCents(-250)}): spiegare la differenza nella nota.`)
    expect(refusal(() => till().close(TillCloseInput.parse({ countedCents: counted, floatCents: float, note: '  ' })))).toContain('spiegare la differenza')
    expect(till().closings()).toEqual([])
    // Forgetting the float is a difference too: the expected cash includes it.
    expect(refusal(() => till().close(TillCloseInput.parse({ countedCents: expected })))).toContain(formatCents(float))

    const closing = till().close(TillCloseInput.parse({ countedCents: counted, floatCents: float, note: 'Resto sbagliato al cittadino delle 11' }))
    expect(closing).toMatchObject({ floatCents: float, expectedCashCents: expected, countedCents: counted, differenceCents: -250, note: 'Resto sbagliato al cittadino delle 11' })
    const rows = csvRows((await till().report(closing.id, 'csv')).bytes)
    expect(rows.find((r) => r[0] === 'Fondo cassa iniziale')).toEqual(['Fondo cassa iniziale', '', '50,00'])
    expect(rows.find((r) => r[0] === 'Contanti attesi')).toEqual(['Contanti attesi', '', csvAmount(expected)])
    expect(rows.find((r) => r[0] === 'Differenza')).toEqual(['Differenza', '', '-2,50'])
    expect(rows.find((r) => r[0] === 'Nota')).toEqual(['Nota', 'Resto sbagliato al cittadino delle 11'])
    const text = pdfText((await till().report(closing.id, 'pdf')).bytes)
    expect(text).toMatch(new RegExp(`Differenza\\s+${plain(formatCents(-250))}`))
    expect(text).toContain('Nota: Resto sbagliato al cittadino delle 11')
  })
})

describe('a closed day', () => {
  it('refuses payments dated on it, sends later ones to the next closing, and cannot be changed', async () => {
    const { sqlite, singles, pay, till, lastPaymentId } = desk(5)
    const [a, b, c, d, e] = singles as [Due, Due, Due, Due, Due]
    pay('Anna Neri', a, 'contanti')
    const first = till(DAY).close(TillCloseInput.parse({ countedCents: a.amountCents }))
    expect(first.lastPaymentId).toBe(lastPaymentId())

    // The same day, after the closing: a payment dated the day before is refused, nothing recorded.
    const before = lastPaymentId()
    expect(refusal(() => pay('Anna Neri', b, 'contanti', { paidOn: '2026-11-26' }))).toBe(
      'La cassa del 27/11/2026 è chiusa: non si può registrare un pagamento con data 26/11/2026. Un pagamento preso oggi si registra con la data di oggi.'
    )
    expect(lastPaymentId()).toBe(before)
    // One dated today is taken, and waits for the next closing; today cannot be closed twice.
    pay('Bruno Verdi', c, 'assegno')
    const later = lastPaymentId()
    expect(till(DAY).day()).toMatchObject({ closing: { id: first.id, lastPaymentId: before }, open: { lastPaymentId: later, totals: { count: 1, cents: c.amountCents, cashCents: 0 } } })
    expect(refusal(() => till(DAY).close(TillCloseInput.parse({ countedCents: 0 })))).toBe('La cassa di oggi è già chiusa: i pagamenti registrati da ora vanno nella prossima chiusura.')

    // The next day: yesterday is closed for any payment, today's closing covers the later payment.
    expect(refusal(() => pay('Anna Neri', d, 'contanti', { today: NEXT_DAY, paidOn: DAY }))).toContain('La cassa del 27/11/2026 è chiusa')
    pay('Anna Neri', e, 'contanti', { today: NEXT_DAY })
    expect(till(NEXT_DAY).day().closeAction).toEqual({ allowed: true, reason: null })
    expect(till(NEXT_DAY).day(DAY)).toMatchObject({ day: DAY, closing: { id: first.id }, open: null, closeAction: { allowed: false, reason: { key: 'till.onlyToday' } } })
    const second = till(NEXT_DAY).close(TillCloseInput.parse({ countedCents: e.amountCents }))
    expect(second.payments.map((p) => p.nav)).toEqual([c.nav, e.nav])
    expect(second).toMatchObject({ day: NEXT_DAY, lastPaymentId: lastPaymentId(), expectedCashCents: e.amountCents, differenceCents: 0 })
    expect(till(NEXT_DAY).closings().map((x) => x.id)).toEqual([second.id, first.id])

    // A closing is a record: SQLite itself refuses to change or remove it.
    expect(() => sqlite.prepare('UPDATE till_closings SET counted_cents = 0 WHERE id = ?').run(first.id)).toThrow('Una chiusura di cassa non si può modificare né cancellare.')
    expect(() => sqlite.prepare('DELETE FROM till_closings WHERE id = ?').run(first.id)).toThrow('Una chiusura di cassa non si può modificare né cancellare.')
    expect(() => sqlite.prepare("INSERT INTO till_closings (day, operator, last_payment_id, last_pos_closure_id, payments_count, total_cents, float_cents, expected_cash_cents, counted_cents, difference_cents, totals_json) VALUES (?, 'x', 0, 0, 0, 0, 0, 0, 0, 0, '{}')").run(DAY)).toThrow(/UNIQUE/)
    expect(till(NEXT_DAY).closings().find((x) => x.id === first.id)).toEqual(first)
  })
})
