import { z } from 'zod'

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

export const SearchDuesInput = z.object({
  text: z.string().max(300).default(''),
  status: z.enum(['pending', 'paid', 'all']).default('all'),
  page: z.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.number().int().min(1).max(200).default(25)
})
export type SearchDuesInput = z.input<typeof SearchDuesInput>

/** How the search understood the text typed or scanned. */
export type SearchMatch = 'all' | 'noticeNumber' | 'iuv' | 'fiscalCode' | 'iupd' | 'text'

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
}

export interface SearchDuesResult {
  rows: DueSummary[]
  total: number
  page: number
  pageSize: number
  matchedBy: SearchMatch
}
