// Generates the dues of a realistic demo Comune: citizens and companies with valid fiscal codes,
// every GPD status, some dues in installments. The same stream fills the desk's cache
// (seed.ts: benchmarks, tests) and the GPD simulator (the embedded demo backend).
import type { PositionStatus } from '../../contract/dues'
import { computePersonFiscalCode, fiscalCodeCheckChar, numericCheckDigit, type PersonData } from '../pagopa/fiscal-code'
import { buildNoticeCodes, checkDigits, type NoticeCodes } from '../pagopa/notice-number'
import type { EnteSettings } from '../settings/settings'
import { DEMO_DUE_TYPES, DEMO_IBAN, DEMO_POSTAL_IBAN, type DemoDueType } from './ente'
import { BIRTHPLACES, COMPANY_FORMS, COMPANY_WORDS, FEMALE_NAMES, MALE_NAMES, STREETS, SURNAMES } from './names'
import { createRandom, type Random } from './random'

export const DAY_MS = 86_400_000
const MONTHS = ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre']
const PSPS = ['Poste Italiane', 'Intesa Sanpaolo', 'UniCredit', 'Nexi Payments', 'PayPal Europe', 'Banca Sella', 'SisalPay', 'Satispay']
const PAYMENT_METHODS = ['CP', 'BBT', 'PO', 'PPAL', 'BP']
const RESIDENCE = { city: 'Valdoria', province: 'RM', postalCode: '00060' }

/**
 * IUV bases of demo data start with 9 (written straight into a cache) or 8 (created on the
 * simulator, as if by another system): desks allocate bases starting with their desk number,
 * 000 to 799, so real and demo numbers never meet.
 */
export type DemoIuvBlock = '8' | '9'

export interface DemoPerson {
  type: 'F' | 'G'
  fiscalCode: string
  surname: string | null
  givenName: string | null
  fullName: string
  streetName: string
  civicNumber: string
  postalCode: string
  city: string
  province: string
  email: string | null
  phone: string | null
}

export interface DemoOption {
  /** 0 for the single payment, 1..n for installments. */
  installmentNo: number
  iuv: string
  nav: string
  amountCents: number
  description: string
  dueDate: string
  paid: boolean
  paymentDate: string | null
  paymentMethod: string | null
  pspCompany: string | null
  idReceipt: string | null
}

export interface DemoDue {
  iupd: string
  type: DemoDueType
  person: DemoPerson
  status: PositionStatus
  causale: string
  amountCents: number
  /** Earliest due date of the options still open. */
  dueDate: string
  insertedAt: string
  publishedAt: string | null
  lastUpdatedAt: string
  paidAt: string | null
  options: DemoOption[]
  iban: string
  postalIban: string | null
}

export interface DemoGeneratorOptions {
  ente: EnteSettings
  seed: number
  today: Date
  /** Last sequence number used in this block: generation continues after it. */
  sequence: number
  block: DemoIuvBlock
  /** How many distinct citizens to draw dues from. */
  population: number
  /** Fiscal codes already taken (they are skipped, and the new ones added). */
  taken?: Set<string>
}

/**
 * Dates as text, remembered: a million dues fall on a few hundred days, and formatting Dates was
 * the largest cost of the generator.
 */
interface Day {
  /** 2026-11-27 */
  iso: string
  /** 27/11/2026, as a causale writes it */
  italian: string
  year: string
  month: string
}

function createCalendar() {
  const times = new Map<number, string>()
  const days = new Map<number, Day>()
  const time = (ms: number): string => {
    let text = times.get(ms)
    if (text === undefined) {
      text = new Date(ms).toISOString()
      times.set(ms, text)
    }
    return text
  }
  const day = (ms: number): Day => {
    let found = days.get(ms)
    if (found === undefined) {
      const date = new Date(ms)
      const iso = date.toISOString().slice(0, 10)
      found = { iso, italian: iso.split('-').reverse().join('/'), year: String(date.getUTCFullYear()), month: MONTHS[date.getUTCMonth()]! }
      days.set(ms, found)
    }
    return found
  }
  return { time, day }
}

type Calendar = ReturnType<typeof createCalendar>

const emailParts = new Map<string, string>()
function emailLocalPart(text: string): string {
  let part = emailParts.get(text)
  if (part === undefined) {
    part = text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]+/g, '')
    emailParts.set(text, part)
  }
  return part
}

/**
 * computePersonFiscalCode, a part at a time: a fiscal code is 6 characters of name, 5 of birth
 * date and sex, 4 of birthplace and a check character, and a few hundred thousand citizens share
 * a few thousand names and dates. Each part is cut from the code computePersonFiscalCode gives,
 * the first time it is needed; the check character is computed for each.
 */
const namePart = new Map<string, string>()
const datePart = new Map<string, string>()
function personFiscalCode(p: PersonData): string {
  const nameKey = `${p.surname}|${p.givenName}`
  let name = namePart.get(nameKey)
  if (name === undefined) {
    name = computePersonFiscalCode(p).slice(0, 6)
    namePart.set(nameKey, name)
  }
  const { year, month, day } = p.birthDate
  const dateKey = `${p.sex}${year}-${month}-${day}`
  let date = datePart.get(dateKey)
  if (date === undefined) {
    date = computePersonFiscalCode(p).slice(6, 11)
    datePart.set(dateKey, date)
  }
  const first15 = name + date + p.birthPlaceCode.toUpperCase()
  return first15 + fiscalCodeCheckChar(first15)
}

function makePerson(rng: Random, taken: Set<string>): DemoPerson {
  for (;;) {
    if (rng.chance(0.08)) {
      const name = `${rng.pick(SURNAMES)} ${rng.pick(COMPANY_WORDS)} ${rng.pick(COMPANY_FORMS)}`
      const first10 = String(rng.int(0, 9_999_999)).padStart(7, '0') + String(rng.int(1, 100)).padStart(3, '0')
      const fiscalCode = first10 + numericCheckDigit(first10)
      if (taken.has(fiscalCode)) continue
      taken.add(fiscalCode)
      return {
        type: 'G',
        fiscalCode,
        surname: null,
        givenName: null,
        fullName: name,
        streetName: rng.pick(STREETS),
        civicNumber: String(rng.int(1, 180)),
        ...RESIDENCE,
        email: rng.chance(0.7) ? `amministrazione@${emailLocalPart(name.split(' ')[0]!)}${rng.int(1, 99)}.it` : null,
        phone: rng.chance(0.5) ? `06 ${rng.int(1000000, 9999999)}` : null
      }
    }
    const sex = rng.chance(0.5) ? 'M' : 'F'
    const givenName = rng.pick(sex === 'M' ? MALE_NAMES : FEMALE_NAMES)
    // Common surnames are more common: square the uniform draw to favour the head of the list.
    const surname = SURNAMES[Math.floor(rng.next() ** 2 * SURNAMES.length)]!
    const birthplace = rng.pick(BIRTHPLACES)
    const fiscalCode = personFiscalCode({
      surname,
      givenName,
      sex,
      birthDate: { year: rng.int(1935, 2006), month: rng.int(1, 12), day: rng.int(1, 28) },
      birthPlaceCode: birthplace.code
    })
    if (taken.has(fiscalCode)) continue
    taken.add(fiscalCode)
    const local = rng.chance(0.85)
    return {
      type: 'F',
      fiscalCode,
      surname,
      givenName,
      // GPD's fullName, written the way Italian registries list people: surname first.
      fullName: `${surname} ${givenName}`.toUpperCase(),
      streetName: rng.pick(STREETS),
      civicNumber: String(rng.int(1, 220)),
      city: local ? RESIDENCE.city : birthplace.name,
      province: local ? RESIDENCE.province : birthplace.province,
      postalCode: local ? RESIDENCE.postalCode : birthplace.postalCode,
      email: rng.chance(0.4) ? `${emailLocalPart(givenName)}.${emailLocalPart(surname)}${rng.int(1, 99)}@example.it` : null,
      phone: rng.chance(0.3) ? `3${rng.int(20, 49)} ${rng.int(1000000, 9999999)}` : null
    }
  }
}

function fillTemplate(template: string, rng: Random, calendar: Calendar, due: number): string {
  const day = calendar.day(due)
  // Both numbers are drawn whatever the template uses: the draws keep their order.
  const number = String(rng.int(1000, 99999))
  const earlier = calendar.day(due - rng.int(10, 60) * DAY_MS)
  let text = template
  if (text.includes('{anno}')) text = text.replace('{anno}', day.year)
  if (text.includes('{mese}')) text = text.replace('{mese}', day.month)
  if (text.includes('{numero}')) text = text.replace('{numero}', number)
  if (text.includes('{data}')) text = text.replace('{data}', earlier.italian)
  return text.replace(' - {debitore}', '')
}

function pickStatus(rng: Random, dueMs: number, todayMs: number, installments: number): PositionStatus {
  const r = rng.next()
  if (installments > 0 && r < 0.1) return 'PARTIALLY_PAID'
  if (r < 0.38) return 'PAID'
  if (r < 0.43) return 'REPORTED'
  if (r < 0.47) return 'INVALID'
  if (dueMs > todayMs && r < 0.5) return 'DRAFT'
  if (r < 0.53) return 'PUBLISHED'
  if (dueMs < todayMs && r < 0.58) return 'EXPIRED'
  return 'VALID'
}

export interface DemoGenerator {
  people: DemoPerson[]
  /** The next due; every call consumes sequence numbers (one per payment option). */
  next(): DemoDue
  readonly sequence: number
}

/** The generator's running state: every draw comes from rng, every payment option takes the next sequence number. */
interface GeneratorState {
  ente: EnteSettings
  block: DemoIuvBlock
  todayMs: number
  rng: Random
  people: DemoPerson[]
  sequence: number
  calendar: Calendar
  codes: (sequence: number) => NoticeCodes
}

/** The random facts of one due. The order of the draws is what makes a seed give the same data: keep it. */
interface DueDraw {
  type: DemoDueType
  person: DemoPerson
  dueMs: number
  amount: number
  installments: number
  status: PositionStatus
  causale: string
  insertedMs: number
  paidMs: number
  paidInstallments: number
}

const TOTAL_WEIGHT = DEMO_DUE_TYPES.reduce((sum, t) => sum + t.weight, 0)

function pickType(rng: Random): DemoDueType {
  let r = rng.next() * TOTAL_WEIGHT
  for (const t of DEMO_DUE_TYPES) {
    r -= t.weight
    if (r < 0) return t
  }
  return DEMO_DUE_TYPES[0]!
}

/**
 * buildNoticeCodes for IUV bases block + sequence on 12 digits, without its checks and digit-by-
 * digit remainder on every call: checked once here, and the remainder of the fixed head computed
 * once (head * 10^12 + sequence, mod 93, with the sequence's part added per call).
 */
function noticeCodes(segregationCode: string, block: DemoIuvBlock): (sequence: number) => NoticeCodes {
  const head = buildNoticeCodes(segregationCode, block + '0'.repeat(12)).nav.slice(0, 4)
  const headRest = Number(checkDigits(head + '0'.repeat(12)))
  return (sequence) => {
    if (!Number.isSafeInteger(sequence) || sequence < 0 || sequence >= 1e12) return buildNoticeCodes(segregationCode, block + String(sequence).padStart(12, '0'))
    const nav = head + String(sequence).padStart(12, '0') + String((headRest + (sequence % 93)) % 93).padStart(2, '0')
    return { nav, iuv: nav.slice(1) }
  }
}

function nextCodes(state: GeneratorState) {
  state.sequence += 1
  return state.codes(state.sequence)
}

function drawDue(state: GeneratorState): DueDraw {
  const { rng, todayMs } = state
  const type = pickType(rng)
  const person = rng.pick(state.people)
  const dueMs = todayMs + rng.int(-420, 180) * DAY_MS
  const amount = rng.int(type.amountRange[0], type.amountRange[1])
  const installments = type.installmentsAllowed && rng.chance(0.35) ? rng.int(2, 4) : 0
  const status = pickStatus(rng, dueMs, todayMs, installments)
  const causale = fillTemplate(type.causaleTemplate, rng, state.calendar, dueMs)
  const insertedMs = Math.min(dueMs, todayMs) - rng.int(15, 90) * DAY_MS
  // Paid some days before or after the due date, never in the future nor before it existed.
  const paidMs = Math.max(insertedMs + DAY_MS, Math.min(todayMs - rng.int(0, 40) * DAY_MS, dueMs - rng.int(-20, 25) * DAY_MS))
  const paidInstallments = status === 'PARTIALLY_PAID' ? rng.int(1, installments - 1) : 0
  return { type, person, dueMs, amount, installments, status, causale, insertedMs, paidMs, paidInstallments }
}

function makeOption(state: GeneratorState, paidMs: number, installmentNo: number, amountCents: number, due: number, paid: boolean, description: string): DemoOption {
  const codes = nextCodes(state)
  return {
    installmentNo,
    iuv: codes.iuv,
    nav: codes.nav,
    amountCents,
    description,
    dueDate: state.calendar.day(due).iso,
    paid,
    paymentDate: paid ? state.calendar.time(paidMs) : null,
    paymentMethod: paid ? state.rng.pick(PAYMENT_METHODS) : null,
    pspCompany: paid ? state.rng.pick(PSPS) : null,
    idReceipt: paid ? `${codes.iuv}-R` : null
  }
}

/** The single payment, then the installments if the due has any. */
function makeOptions(state: GeneratorState, d: DueDraw, fullyPaid: boolean): DemoOption[] {
  const { amount, installments, dueMs, causale, paidMs } = d
  const options: DemoOption[] = [makeOption(state, paidMs, 0, amount, dueMs, fullyPaid, causale)]
  if (installments > 0) {
    const share = Math.floor(amount / installments)
    for (let n = 1; n <= installments; n++) {
      // The last installment takes the cents the division leaves over, so the rates add up.
      const rate = n === installments ? amount - share * (installments - 1) : share
      options.push(makeOption(state, paidMs, n, rate, dueMs + (n - 1) * 60 * DAY_MS, n <= d.paidInstallments, `${causale} - rata ${n} di ${installments}`))
    }
  }
  return options
}

function nextDue(state: GeneratorState): DemoDue {
  const d = drawDue(state)
  const { ente, block, calendar } = state
  const fullyPaid = d.status === 'PAID' || d.status === 'REPORTED'
  const year = calendar.day(d.dueMs).year
  const iupd = `${ente.iupdPrefix}-${d.type.code}-${year}-${block}${String(state.sequence + 1).padStart(7, '0')}`
  const published = d.status === 'DRAFT' ? null : calendar.time(d.insertedMs + 3_600_000)
  const options = makeOptions(state, d, fullyPaid)
  return {
    iupd,
    type: d.type,
    person: d.person,
    status: d.status,
    causale: d.causale,
    amountCents: d.amount,
    dueDate: calendar.day(d.dueMs + d.paidInstallments * 60 * DAY_MS).iso,
    insertedAt: calendar.time(d.insertedMs),
    publishedAt: published,
    lastUpdatedAt: calendar.time(fullyPaid ? d.paidMs : d.insertedMs),
    paidAt: fullyPaid || d.paidInstallments > 0 ? calendar.time(d.paidMs) : null,
    options,
    iban: DEMO_IBAN,
    postalIban: d.type.postal ? DEMO_POSTAL_IBAN : null
  }
}

export function createDemoGenerator(options: DemoGeneratorOptions): DemoGenerator {
  const { ente, block } = options
  const todayMs = Date.UTC(options.today.getUTCFullYear(), options.today.getUTCMonth(), options.today.getUTCDate())
  const rng = createRandom(options.seed + options.sequence + (block === '8' ? 7919 : 0))
  const taken = options.taken ?? new Set<string>()
  const state: GeneratorState = {
    ente,
    block,
    todayMs,
    rng,
    people: [],
    sequence: options.sequence,
    calendar: createCalendar(),
    codes: noticeCodes(ente.segregationCode, block)
  }
  for (let i = 0; i < options.population; i++) state.people.push(makePerson(rng, taken))

  return {
    people: state.people,
    next: () => nextDue(state),
    get sequence() {
      return state.sequence
    }
  }
}
