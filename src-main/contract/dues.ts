import { z } from 'zod'
import type { Message } from './messages'
import { inputMessage } from './messages/input'

export const POSITION_STATUSES = [
  'DRAFT',
  'PUBLISHED',
  'VALID',
  'INVALID',
  'EXPIRED',
  'PARTIALLY_PAID',
  'PAID',
  'REPORTED'
] as const
export type PositionStatus = (typeof POSITION_STATUSES)[number]

/** The desk's coarse view of GPD statuses: what the citizen still owes, what is settled. */
export const STATUS_GROUPS = {
  pending: ['DRAFT', 'PUBLISHED', 'VALID', 'PARTIALLY_PAID', 'EXPIRED'],
  paid: ['PAID', 'REPORTED'],
  all: POSITION_STATUSES
} as const satisfies Record<string, readonly PositionStatus[]>
export type StatusGroup = keyof typeof STATUS_GROUPS

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, inputMessage('isoDay'))

export const SORT_KEYS = ['dueDate', 'amount', 'debtor', 'status', 'paidAt', 'insertedAt'] as const
export type SortKey = (typeof SORT_KEYS)[number]

/** The filters of Cerca dovuti, without paging: also what an export takes. */
export const DueFilters = z.object({
  text: z.string().max(300).default(''),
  status: z.enum(['pending', 'paid', 'all']).default('all'),
  /** Detailed GPD statuses; when given they replace the coarse status. */
  statuses: z.array(z.enum(POSITION_STATUSES)).max(8).optional(),
  dueTypeCode: z.string().max(40).optional(),
  dueFrom: day.optional(),
  dueTo: day.optional(),
  paidFrom: day.optional(),
  paidTo: day.optional(),
  amountMin: z.number().int().min(0).optional(),
  amountMax: z.number().int().min(0).optional(),
  debtorType: z.enum(['F', 'G']).optional(),
  sort: z.enum(SORT_KEYS).default('dueDate'),
  direction: z.enum(['asc', 'desc']).default('desc')
})
export type DueFilters = z.input<typeof DueFilters>

export const SearchDuesInput = DueFilters.extend({
  page: z.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.number().int().min(1).max(200).default(25),
  /**
   * false: the page alone. When it is full the total is left to dues.count (totalBound
   * 'pending'): the screen shows the page at once and the count when it comes, since counting
   * a common word's matches costs more than finding the page.
   */
  count: z.boolean().default(true)
})
export type SearchDuesInput = z.input<typeof SearchDuesInput>

/** How the search understood the text typed or scanned. */
export type SearchMatch = 'all' | 'noticeNumber' | 'iuv' | 'fiscalCode' | 'iupd' | 'text' | 'qr' | 'datamatrix'

export interface DueSummary {
  id: number
  iupd: string
  status: PositionStatus
  debtorType: 'F' | 'G'
  debtorName: string
  debtorFiscalCode: string
  dueTypeCode: string | null
  dueTypeLabel: string | null
  causale: string
  amountCents: number
  /** yyyy-mm-dd */
  dueDate: string
  paidAt: string | null
  /** Notice number of the single payment, or of the first installment. */
  noticeNumber: string
  iuv: string
  installments: number
  /** The option a notice number, IUV or scanned code matched: the one the citizen holds. */
  matched?: { nav: string; installmentNo: number }
}

/**
 * How exact a total is: absent, exact; 'over', more than total. Counting stops where it would cost
 * more than the page (a common word on a million dues): the page then says "oltre 10.000".
 * 'pending': not counted yet (a search with count: false); total is the rows up to this page.
 */
export type TotalBound = 'over' | 'pending'

/** What dues.count answers: the total of a search, exact or 'over' a round figure. */
export interface DueCount {
  total: number
  totalBound?: 'over'
}

export interface SearchDuesResult {
  rows: DueSummary[]
  total: number
  totalBound?: TotalBound
  page: number
  pageSize: number
  matchedBy: SearchMatch
  /** Why a scanned code could not be read (the operator rescans or types the notice number). */
  scanError?: Message
}

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, inputMessage('isoDay'))
/** Cents as a whole number, or an Italian amount as the operator typed it ("1.234,56"). */
const amount = z.union([z.number().int().positive(), z.string().min(1).max(30)])

export const DebtorInput = z.object({
  type: z.enum(['F', 'G']),
  fiscalCode: z.string().min(1).max(16),
  fullName: z.string().trim().min(1).max(140),
  streetName: z.string().trim().max(140).optional(),
  civicNumber: z.string().trim().max(20).optional(),
  postalCode: z.string().trim().max(10).optional(),
  city: z.string().trim().max(60).optional(),
  province: z.string().trim().max(2).optional(),
  country: z.string().trim().max(2).optional(),
  email: z.string().trim().max(256).optional(),
  phone: z.string().trim().max(30).optional()
})
export type DebtorInput = z.input<typeof DebtorInput>

export const NewDueInput = z.object({
  dueTypeCode: z.string().min(1).max(40),
  /** Identifier of the due (IUPD); suggested by the desk when absent. */
  iupd: z.string().trim().min(1).max(60).optional(),
  /** The causale as shown to the operator; absent: written from the type's template and causaleFields. */
  causale: z.string().max(300).optional(),
  /** Values of the template's placeholders ({numero}, {data}, …), when the causale is not given. */
  causaleFields: z.record(z.string().max(40), z.string().max(100)).optional(),
  amount,
  dueDate: isoDay,
  /** Two or more installments; the citizen may also pay the whole amount at once. */
  installments: z.array(z.object({ amount, dueDate: isoDay })).max(24).optional(),
  debtor: DebtorInput,
  /** Codes reserved by dues.prepare and shown to the operator before saving. */
  reserved: z.array(z.object({ iuv: z.string().regex(/^\d{17}$/), nav: z.string().regex(/^\d{18}$/) })).max(25).optional()
})
export type NewDueInput = z.input<typeof NewDueInput>

export const UpdateDueInput = z.object({
  iupd: z.string().min(1).max(60),
  /** A due with a single payment: its new amount and due date. */
  amount: amount.optional(),
  dueDate: isoDay.optional(),
  /** A due in installments: every installment, by notice number, with its amount and due date. */
  installments: z.array(z.object({ nav: z.string().regex(/^\d{18}$/, inputMessage('noticeNumber')), amount, dueDate: isoDay })).min(2).max(24).optional(),
  reason: z.string().trim().min(3, inputMessage('changeReason')).max(500)
})
export type UpdateDueInput = z.input<typeof UpdateDueInput>

export const CloseDueInput = z.object({
  iupd: z.string().min(1).max(60),
  reason: z.string().trim().min(3, inputMessage('reason')).max(500)
})

/** What the operator picks when registering a payment by hand: 'pos' is a card terminal not connected to the desk ("POS non collegato"). */
export const PAYMENT_CHANNELS = ['contanti', 'assegno', 'bonifico', 'pos', 'altro'] as const
/** Every channel a desk payment can have: the above, and the desk's own terminal ("POS integrato"). */
export const DESK_PAYMENT_CHANNELS = [...PAYMENT_CHANNELS, 'pos-integrato'] as const
export type DeskPaymentChannel = (typeof DESK_PAYMENT_CHANNELS)[number]
/** How receipts and reports name the channels (the screens use the same words through i18n). */
export const CHANNEL_LABELS_IT: Record<DeskPaymentChannel, string> = {
  contanti: 'Contanti',
  assegno: 'Assegno',
  bonifico: 'Bonifico',
  pos: 'POS non collegato',
  'pos-integrato': 'POS integrato',
  altro: 'Altro'
}
export const RegisterPaymentInput = z.object({
  /** Notice number of the option paid (the single payment or one installment). */
  nav: z.string().min(18).max(30),
  paidOn: isoDay,
  channel: z.enum(PAYMENT_CHANNELS),
  reference: z.string().trim().max(140).optional(),
  note: z.string().trim().max(500).optional()
})
export type RegisterPaymentInput = z.input<typeof RegisterPaymentInput>
