// Numbered receipts of the payments taken at the desk (every channel): what the due's page and the
// till list, and the inputs of their methods.
import { z } from 'zod'
import type { DeskPaymentChannel } from './dues'

export interface ReceiptInfo {
  id: number
  /** The number within its year and desk. */
  number: number
  year: number
  deskNumber: number
  /** "Ricevuta n. 12/2026 – Sportello 3". */
  title: string
  iupd: string
  nav: string
  amountCents: number
  channel: DeskPaymentChannel
  reference: string | null
  /** When the payment was registered and the receipt numbered. */
  issuedAt: string
  operator: string
  /** Whether the original was printed or downloaded: every later output is a copy. */
  printed: boolean
  /** Copies printed or downloaded after the original. */
  reprints: number
}

/** "12/2026": a receipt's number within its year, as every screen, document and report writes it. */
export const receiptNumberLabel = (r: { number: number; year: number }) => `${r.number}/${r.year}`

export const ReceiptIdInput = z.object({ id: z.number().int().positive() }).strict()
/** Where a receipt prints: the receipt printer when the desk has one, else the desk's (A4) printer; or as the operator asks. */
export const RECEIPT_OUTPUTS = ['auto', 'desk', 'receiptPrinter'] as const
export const ReceiptPrintInput = z.object({ id: z.number().int().positive(), on: z.enum(RECEIPT_OUTPUTS).default('auto') }).strict()
