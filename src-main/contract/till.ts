// "Cassa" in the contract: what the desk collected since its last cash closing (per channel, per
// operator, per due type, with the receipts), the closing the operator makes with the cash counted,
// and the rules of both, shared by the Cassa page (disabled with the reason, before the click) and
// the services (refused), so they cannot disagree.
import { z } from 'zod'
import type { ActionState } from './desk'
import type { DeskPaymentChannel } from './dues'
import { formatCents, formatDate } from './format'
import { message, type Message } from './messages'
import { inputMessage } from './messages/input'
import type { PosClosureInfo } from './pos'

/** The order of the channels on screen and in the reports: cash first, the channels a desk always has. */
export const TILL_CHANNELS: readonly DeskPaymentChannel[] = ['contanti', 'assegno', 'bonifico', 'pos-integrato', 'pos', 'altro']

export interface TillCount {
  count: number
  cents: number
}
export interface TillChannelTotal extends TillCount {
  channel: DeskPaymentChannel
}
export interface TillOperatorTotal extends TillCount {
  operator: string
}
export interface TillDueTypeTotal extends TillCount {
  /** The due type's name; null for a due without a type (synced from GPD with an unknown taxonomy). */
  dueType: string | null
}

/** One desk payment as the till lists it: no debtor's name, the report stays a cash document. */
export interface TillPaymentInfo {
  id: number
  /** When the desk recorded it (ISO, UTC). */
  recordedAt: string
  /** The payment's own date as registered (yyyy-mm-dd…). */
  paidAt: string
  channel: DeskPaymentChannel
  amountCents: number
  operator: string
  reference: string | null
  nav: string | null
  iupd: string | null
  dueType: string | null
  /** "12/2026": the receipt's number and year; null when the payment has no receipt. */
  receipt: string | null
  /** For "Stampa copia" from the till (receipts.print); absent in closings stored by earlier versions. */
  receiptId?: number | null
}

export interface TillTotals extends TillCount {
  /** Every channel of TILL_CHANNELS, in that order, zeros included ('altro' only when used). */
  channels: TillChannelTotal[]
  operators: TillOperatorTotal[]
  dueTypes: TillDueTypeTotal[]
  /** The cash taken: what the drawer should hold besides the opening float. */
  cashCents: number
}

/** The integrated POS in the period: its closings (ECR17 C reconciliations) and what it has not closed yet. */
export interface TillPosPart {
  closures: PosClosureInfo[]
  /** Approved POS operations no terminal closing covers yet. */
  unclosedCount: number
  unclosedCents: number
}

/** The desk's collections not yet covered by a cash closing. */
export interface TillOpenPeriod {
  /** The last cash closing's time, or null before the first one. */
  since: string | null
  /** The first and last desk payment of the period (the closing will record the last). */
  firstPaymentId: number | null
  lastPaymentId: number | null
  totals: TillTotals
  payments: TillPaymentInfo[]
  pos: TillPosPart
}

export interface TillClosingInfo {
  id: number
  /** The calendar day closed (Rome), yyyy-mm-dd. */
  day: string
  deskNumber: number | null
  operator: string
  closedAt: string
  /** The last desk payment this closing covers; later ones belong to the next closing. */
  lastPaymentId: number
  floatCents: number
  expectedCashCents: number
  countedCents: number
  differenceCents: number
  note: string | null
  totals: TillTotals
  payments: TillPaymentInfo[]
  pos: TillPosPart
}

export interface TillDayInfo {
  /** The day asked for (today when none was). */
  day: string
  /** Today at the desk (Rome). */
  today: string
  /** The cash closing of that day, if it was closed. */
  closing: TillClosingInfo | null
  /** For today only: what the next closing will cover. */
  open: TillOpenPeriod | null
  /** "Chiusura di cassa": refused once today is closed (and for any other day). */
  closeAction: ActionState
}

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, inputMessage('isoDay'))
/** Up to a hundred million euro: an amount typed by mistake stays an input error, not an overflow. */
const cents = z.number().int().min(0).max(10_000_000_000)

export const TillDayInput = z.object({ day: isoDay.optional() }).strict()
export const TillCloseInput = z
  .object({
    countedCents: cents,
    /** The opening float ("fondo cassa"), if the drawer started with one. */
    floatCents: cents.default(0),
    note: z.string().trim().max(500).optional()
  })
  .strict()
export type TillCloseInput = z.input<typeof TillCloseInput>
export const TillReportInput = z.object({ id: z.number().int().positive(), format: z.enum(['pdf', 'csv']) }).strict()

/** A difference between the cash counted and the cash expected is explained in at least this many characters. */
export const TILL_NOTE_MIN = 3

/** What the drawer should hold: the opening float and the cash taken. */
export const expectedCash = (totals: Pick<TillTotals, 'cashCents'>, floatCents: number) => floatCents + totals.cashCents

/**
 * Why the till cannot be closed as typed, or null: today already closed, the cash not counted, or a
 * difference without a note. The Cassa page shows it before the click; till.close refuses with it.
 */
export function tillCloseRefusal(input: { alreadyClosed: boolean; expectedCents: number; countedCents: number | null; note: string | undefined }): Message | null {
  if (input.alreadyClosed) return message('till.alreadyClosed')
  if (input.countedCents === null) return message('till.countedMissing')
  const difference = input.countedCents - input.expectedCents
  if (difference !== 0 && (input.note ?? '').trim().length < TILL_NOTE_MIN) return message('till.noteRequired', { difference: formatCents(difference) })
  return null
}

/**
 * Why a payment dated `paidOn` cannot be registered, or null. A closed day is not altered: a
 * payment dated on it (or before it) is refused; today's payments after today's closing are taken
 * and go to the next closing.
 */
export function closedDayRefusal(paidOn: string, lastClosedDay: string | null, today: string): Message | null {
  if (!lastClosedDay || paidOn > lastClosedDay || paidOn >= today) return null
  return message('till.dayClosed', { day: formatDate(paidOn), closed: formatDate(lastClosedDay) })
}

