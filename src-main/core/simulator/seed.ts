// Fills the simulator with the demo Comune's positions, as if created over the years by other
// systems of the ente: what a desk finds on its first full sync.
import { createDemoGenerator, type DemoDue } from '../demo/generate'
import type { EnteSettings } from '../settings/settings'
import { gpdNow, type SimPosition } from './model'
import type { SimulatorStore } from './store'

const SEQUENCE_KEY = 'demo.sequence'

function gpdTime(iso: string): string {
  return gpdNow(Date.parse(iso))
}

export function demoDueToPosition(due: DemoDue, ente: EnteSettings): SimPosition {
  const p = due.person
  const paidOption = (o: DemoDue['options'][number]) =>
    o.paid
      ? { paymentDate: gpdTime(o.paymentDate!), paymentMethod: o.paymentMethod!, pspCompany: o.pspCompany!, idReceipt: o.idReceipt! }
      : {}
  return {
    iupd: due.iupd,
    organizationFiscalCode: ente.fiscalCode,
    type: p.type,
    fiscalCode: p.fiscalCode,
    fullName: p.fullName,
    streetName: p.streetName,
    civicNumber: p.civicNumber,
    postalCode: p.postalCode,
    city: p.city,
    province: p.province,
    country: 'IT',
    ...(p.email ? { email: p.email } : {}),
    ...(p.phone ? { phone: p.phone } : {}),
    switchToExpired: false,
    companyName: ente.name,
    officeName: ente.officeName,
    status: due.status,
    insertedDate: gpdTime(due.insertedAt),
    ...(due.publishedAt ? { publishDate: gpdTime(due.publishedAt), validityDate: gpdTime(due.publishedAt) } : {}),
    ...(due.paidAt ? { paymentDate: gpdTime(due.paidAt) } : {}),
    lastUpdatedDate: gpdTime(due.lastUpdatedAt),
    paymentOption: due.options.map((o) => ({
      nav: o.nav,
      iuv: o.iuv,
      organizationFiscalCode: ente.fiscalCode,
      amount: o.amountCents,
      description: o.description,
      isPartialPayment: o.installmentNo > 0,
      dueDate: `${o.dueDate}T23:59:59`,
      insertedDate: gpdTime(due.insertedAt),
      lastUpdatedDate: gpdTime(due.lastUpdatedAt),
      status: o.paid ? (due.status === 'REPORTED' ? 'PO_REPORTED' : 'PO_PAID') : 'PO_UNPAID',
      ...paidOption(o),
      transfer: [
        {
          idTransfer: '1',
          amount: o.amountCents,
          organizationFiscalCode: ente.fiscalCode,
          remittanceInformation: o.description.slice(0, 140),
          category: due.type.taxonomyCode,
          iban: due.iban,
          ...(due.postalIban ? { postalIban: due.postalIban } : {}),
          status: due.status === 'REPORTED' ? 'T_REPORTED' : 'T_UNREPORTED'
        }
      ]
    }))
  }
}

export function seedSimulator(store: SimulatorStore, options: { count: number; ente: EnteSettings; seed?: number; today?: Date }): number {
  store.db.exec('CREATE TABLE IF NOT EXISTS sim_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)')
  const read = store.db.prepare<[string], { value: string }>('SELECT value FROM sim_state WHERE key = ?')
  const write = store.db.prepare('INSERT INTO sim_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
  const generator = createDemoGenerator({
    ente: options.ente,
    seed: options.seed ?? 20261127,
    today: options.today ?? new Date(),
    sequence: Number(read.get(SEQUENCE_KEY)?.value ?? 0),
    block: '8',
    population: Math.min(300_000, Math.max(60, Math.ceil(options.count / 3)))
  })
  const batch = 2_000
  for (let done = 0; done < options.count; done += batch) {
    store.db.transaction(() => {
      for (let i = 0; i < Math.min(batch, options.count - done); i++) store.insert(demoDueToPosition(generator.next(), options.ente))
      write.run(SEQUENCE_KEY, String(generator.sequence))
    })()
  }
  return options.count
}
