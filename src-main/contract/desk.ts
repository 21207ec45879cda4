// The due's page, the debtors registry, due types, operators and sessions.
import { z } from 'zod'
import { inputMessage } from './messages/input'
import type { PositionStatus } from './dues'
import type { DebtorFieldDates } from './debtor-records'
import { message, type Message } from './messages'

export interface ActionState {
  allowed: boolean
  /** Why not, when not allowed (status, role, the desk's condition). */
  reason: Message | null
}

export interface DueTransferDetail {
  idTransfer: string
  amountCents: number
  category: string
  remittanceInformation: string
  iban: string | null
  postalIban: string | null
}

/** GPD's statuses of a payment option. */
export const OPTION_STATUSES = ['PO_UNPAID', 'PO_PAID', 'PO_PARTIALLY_REPORTED', 'PO_REPORTED'] as const
/** Where the cache's copy of a due stands with the backend. */
export const SYNC_STATES = ['synced', 'pending', 'conflict'] as const

export interface DueOptionDetail {
  nav: string
  iuv: string
  /** 0 for the single payment, 1..n for installments. */
  installmentNo: number
  amountCents: number
  description: string
  dueDate: string
  status: (typeof OPTION_STATUSES)[number]
  paymentDate: string | null
  paymentMethod: string | null
  pspCompany: string | null
  idReceipt: string | null
  transfers: DueTransferDetail[]
}

export interface DeskPaymentInfo {
  nav: string
  channel: string
  paidAt: string
  amountCents: number
  reference: string | null
  operator: string
  note: string | null
}

export interface AuditInfo {
  at: string
  operator: string
  action: string
  reason: string | null
  before: unknown
  after: unknown
}

export interface DebtorInfo {
  type: 'F' | 'G'
  fiscalCode: string
  fullName: string
  surname: string | null
  givenName: string | null
  streetName: string | null
  civicNumber: string | null
  postalCode: string | null
  city: string | null
  province: string | null
  country: string | null
  email: string | null
  phone: string | null
  source: string
  /** yyyy-mm-dd, from the fiscal code; null for companies and codes it cannot be read from. */
  birthDate: string | null
  /** "ROMA (RM)", or the foreign country, from the fiscal code; null as birthDate. */
  birthPlace: string | null
  /** The dues on record for this fiscal code. */
  duesCount: number
  /** When each field's value was true at its source. */
  fieldDates: DebtorFieldDates
}

export interface DueDetail {
  iupd: string
  status: PositionStatus
  syncState: (typeof SYNC_STATES)[number]
  origin: string
  dueType: { code: string; label: string } | null
  causale: string
  amountCents: number
  dueDate: string
  paidAt: string | null
  insertedAt: string | null
  lastUpdatedAt: string | null
  companyName: string
  officeName: string | null
  debtor: Omit<DebtorInfo, 'surname' | 'givenName' | 'source' | 'birthDate' | 'birthPlace' | 'duesCount' | 'fieldDates'>
  options: DueOptionDetail[]
  deskPayments: DeskPaymentInfo[]
  history: AuditInfo[]
  /** Changes waiting for the backend, and those it refused. */
  outbox: { operation: string; state: string; createdAt: string; attempts: number; lastError: Message | null }[]
  /** Notice numbers a desk payment (by hand or at the POS) may settle now: the single payment never once an installment is paid. */
  payable: string[]
  /** The last day of the till already closed: a desk payment may not be dated on or before it (but today). */
  tillClosedThrough: string | null
  /** A POS payment of this due whose outcome is open or uncertain: it blocks a new one. */
  posOpen: { id: string; nav: string; amountCents: number; state: string; message: string | null; createdAt: string } | null
  actions: Record<'edit' | 'editDebtor' | 'delete' | 'invalidate' | 'registerPayment' | 'print' | 'email' | 'pos', ActionState>
}

export const IupdInput = z.object({ iupd: z.string().min(1).max(60) })

export const DebtorSearchInput = z.object({ text: z.string().trim().min(1).max(80), limit: z.number().int().min(1).max(50).default(20) })

export const RegistryImportInput = z.object({ csv: z.string().max(50_000_000) })
export interface RegistryImportResult {
  imported: number
  updated: number
  errors: { line: number; message: Message }[]
}

export interface DueTypeInfo {
  code: string
  label: string
  taxonomyCode: string
  iban: string | null
  postalIban: string | null
  postalAccount: string | null
  defaultAmountCents: number | null
  causaleTemplate: string
  installmentsAllowed: boolean
  active: boolean
}

export const DueTypeInput = z.object({
  code: z.string().trim().regex(/^[A-Z0-9_-]{1,40}$/, inputMessage('dueTypeCode')),
  label: z.string().trim().min(1).max(100),
  taxonomyCode: z.string().trim().min(1).max(20),
  iban: z.string().trim().min(1).max(40),
  postalIban: z.string().trim().max(40).nullable().default(null),
  postalAccount: z.string().trim().max(12).nullable().default(null),
  defaultAmountCents: z.number().int().positive().nullable().default(null),
  causaleTemplate: z.string().max(140).default(''),
  installmentsAllowed: z.boolean().default(false),
  active: z.boolean().default(true)
})
export type DueTypeInput = z.input<typeof DueTypeInput>

export const PERMISSIONS = [
  'dues.create',
  'dues.edit',
  'dues.delete',
  /** A payment taken outside pagoPA and registered by hand (cash, cheque, transfer, POS non collegato). */
  'dues.registerPayment',
  /** A card payment through the desk's own terminal ("Pagamento tramite POS"). */
  'pos.pay',
  'notices.print',
  'notices.email',
  'dues.export',
  /** The till: the day's operations, receipts, the end-of-day closing. */
  'till.use',
  'settings.manage'
] as const
export type Permission = (typeof PERMISSIONS)[number]

/** What each permission lets an operator do, as the refusals and the roles table say it. */
/** Why the signed-in role cannot do something: one sentence, wherever it is refused. */
export function roleRefusal(permission: Permission, role: string): Message {
  return message('auth.roleRefusal', { role, action: message(`auth.permission.${permission}`) })
}

export interface OperatorInfo {
  username: string
  displayName: string
  role: string
  active: boolean
  hasPassword: boolean
}

export interface Session {
  operator: { username: string; displayName: string; role: string; permissions: Permission[] } | null
  /** Signed in automatically: the embedded demo. */
  demo: boolean
}

export const LoginInput = z.object({ username: z.string().trim().min(1).max(60), password: z.string().min(1).max(200) })

export const OperatorInput = z.object({
  username: z.string().trim().regex(/^[a-z0-9._-]{2,60}$/, inputMessage('username')),
  displayName: z.string().trim().min(1).max(100),
  role: z.string().trim().min(1).max(40),
  /** Set or change the password; absent keeps the current one. */
  password: z.string().min(10, inputMessage('passwordLength')).max(200).optional(),
  active: z.boolean().default(true)
})

export const RolesInput = z.object({ roles: z.record(z.string().min(1).max(40), z.array(z.enum(PERMISSIONS))) })

export interface PreparedCodes {
  /** Suggested identifier of the due (editable). */
  iupd: string
  /** Reserved for this due: the single payment first, then each installment. */
  codes: { iuv: string; nav: string }[]
}
export const PrepareDueInput = z.object({ installments: z.number().int().min(0).max(24).default(0) })

export const NOTICE_LAYOUTS = ['it', 'it-de', 'en'] as const
export const NoticeInput = z.object({ iupd: z.string().min(1).max(60), layout: z.enum(NOTICE_LAYOUTS).default('it') })
export const PrintInput = NoticeInput.extend({ printer: z.string().min(1).max(200).optional() })
export const PrintManyInput = z.object({ iupds: z.array(z.string().min(1).max(60)).min(1).max(5_000), printer: z.string().min(1).max(200).optional() })
export const EmailInput = NoticeInput.extend({ to: z.string().trim().min(3).max(256) })

export interface PrinterListing {
  printers: { name: string; isDefault: boolean; state: string }[]
  chosen: string | null
}

export const SmtpSettingsInput = z.object({
  host: z.string().trim().min(1).max(255),
  port: z.number().int().min(1).max(65535),
  security: z.enum(['tls', 'starttls', 'none']),
  user: z.string().trim().max(255).nullable(),
  fromAddress: z.string().trim().min(3).max(256),
  fromName: z.string().trim().min(1).max(100)
})
export type SmtpSettingsInput = z.input<typeof SmtpSettingsInput>

export interface MailSettingsInfo {
  settings: z.output<typeof SmtpSettingsInput> | null
  hasPassword: boolean
  /** False where passwords only last for this run (browser host: environment variables). */
  passwordStorage: boolean
}

export interface PrintProgress {
  done: number
  total: number
}

export const EnteInput = z.object({
  name: z.string().trim().min(1).max(100),
  fiscalCode: z.string().trim().regex(/^\d{11}$/, inputMessage('enteFiscalCode')),
  segregationCode: z.string().trim().regex(/^\d{2}$/, inputMessage('segregationCode')),
  cbill: z.string().trim().regex(/^([A-Za-z0-9]{5})?$/, 'il codice CBILL ha 5 caratteri'),
  sector: z.string().trim().max(50),
  info: z.string().trim().max(100),
  officeName: z.string().trim().max(140),
  iupdPrefix: z.string().trim().regex(/^[A-Z0-9]{2,10}$/, inputMessage('iupdPrefix'))
})
export const NoticeSettingsInput = z.object({
  website: z.string().trim().max(100).optional(),
  postalAuthorization: z.string().trim().max(70).optional(),
  postalHolder: z.string().trim().max(50).optional()
})
export const EnteSaveInput = z.object({
  ente: EnteInput,
  notice: NoticeSettingsInput,
  /** A new logo (PNG, base64); null removes it; absent keeps it. */
  logoPngBase64: z.string().max(2_000_000).nullable().optional()
})
export interface EnteInfo {
  ente: z.output<typeof EnteInput> | null
  notice: z.output<typeof NoticeSettingsInput>
  hasLogo: boolean
}

