// "Pagamento tramite POS" in the contract: the terminal's settings (checked here, so the settings
// screen, the command line and main agree), payments and their journal, end of day.
import { z } from 'zod'
import type { DeskPaymentChannel } from './dues'
import { message, type Message } from './messages'
import { inputMessage } from './messages/input'

/** Which bytes an ECR17 LRC covers: not in the public specification, found per terminal by calibration. */
export const LRC_SCOPES = ['payload+etx', 'payload', 'stx+payload+etx', 'stx+payload'] as const
export type LrcScope = (typeof LRC_SCOPES)[number]

const TerminalId = z.string().regex(/^\d{8}$/, inputMessage('terminalId'))
const CashRegisterId = z.string().regex(/^\d{8}$/, inputMessage('cashRegisterId')).optional()
/**
 * Terminals that are pagoPA payment providers themselves: the charge is a pagoPA payment, so the
 * desk waits for its receipt through sync instead of marking the due paid.
 */
const PagopaPsp = z.boolean().default(false)

export const PosSettingsSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('virtual'), terminalId: TerminalId.optional(), cashRegisterId: CashRegisterId, pagopaPsp: PagopaPsp }).strict(),
  z
    .object({
      mode: z.literal('serial'),
      path: z.string().trim().min(1, inputMessage('serialPort')).max(200),
      baudRate: z.number().int().positive().default(9600),
      dataBits: z.union([z.literal(7), z.literal(8)]).default(8),
      parity: z.enum(['none', 'even', 'odd']).default('none'),
      stopBits: z.union([z.literal(1), z.literal(2)]).default(1),
      terminalId: TerminalId,
      cashRegisterId: CashRegisterId,
      scope: z.enum(LRC_SCOPES).optional(),
      pagopaPsp: PagopaPsp
    })
    .strict(),
  z
    .object({
      mode: z.literal('tcp'),
      host: z.string().trim().min(1, inputMessage('posHost')).max(200),
      port: z.number().int().min(1).max(65535),
      terminalId: TerminalId,
      cashRegisterId: CashRegisterId,
      scope: z.enum(LRC_SCOPES).optional(),
      pagopaPsp: PagopaPsp
    })
    .strict()
])
export type PosSettings = z.output<typeof PosSettingsSchema>
export type PosSettingsInput = z.input<typeof PosSettingsSchema>

export interface SerialPortInfo {
  path: string
  manufacturer: string | null
  /** USB vendor and product ids, hex, when the system knows them. */
  vendorId: string | null
  productId: string | null
  serialNumber: string | null
}

export interface PosSettingsInfo {
  /** null: no terminal set up (a live desk until one is chosen). */
  settings: PosSettings | null
  /** Only the demo offers the virtual terminal. */
  virtualAllowed: boolean
  terminal: Message
  ports: SerialPortInfo[]
  /** Why the port list may be incomplete (no udev, no permission): the path can still be typed. */
  portsNote: Message | null
}

export interface PosTestResult {
  ok: boolean
  message: Message
  scope: LrcScope | null
}

/** The steps of a POS payment in the desk's journal. */
export const POS_JOURNAL_STATES = ['sending', 'approved', 'declined', 'not-sent', 'unknown', 'not-performed', 'uncertain', 'resolved-approved', 'resolved-not-performed'] as const
export type PosJournalState = (typeof POS_JOURNAL_STATES)[number]
/** A charge that happened: the terminal approved it, or the operator confirmed it from the receipt. */
export const POS_APPROVED_STATES: readonly PosJournalState[] = ['approved', 'resolved-approved']
/** An entry in these states locks its due: no new POS payment until it is settled. */
export const OPEN_STATES: readonly PosJournalState[] = ['sending', 'unknown', 'uncertain']
export const OPEN_PAYMENT_REFUSAL: Message = message('pos.openPaymentRefusal')
/** With a terminal that is a pagoPA PSP the due turns paid when the receipt arrives through sync. */
export const awaitingReceiptRefusal = (stan: string | null): Message =>
  stan ? message('pos.awaitingReceiptStan', { stan }) : message('pos.awaitingReceipt')

/** "Pagamento tramite POS": the outcome as the journal holds it. */
export interface PosOutcomeInfo {
  id: string
  state: PosJournalState
  message: Message
  stan: string | null
}
export interface PosProgress {
  journalId: string
  iupd: string
  text: Message
}

export interface PosJournalEntryInfo {
  id: string
  iupd: string
  nav: string
  amountCents: number
  terminalId: string
  state: PosJournalState
  stan: string | null
  authCode: string | null
  pan: string | null
  message: string | null
  operator: string
  createdAt: string
}

export interface PosClosureInfo {
  id: number
  closedAt: string
  terminalId: string
  operator: string
  /** What the journal says was approved in the session, and what the terminal and its host counted. */
  journalCents: number
  journalCount: number
  terminalCents: number
  hostCents: number
  balanced: boolean
  /** Payments of the session whose outcome was still to be settled at closing. */
  unresolved: number
  /** The desk's other collections since the previous closing, per channel (cash, cheque, POS non collegato…). */
  deskChannels: { channel: Exclude<DeskPaymentChannel, 'pos-integrato'>; count: number; cents: number }[]
}

export interface PosJournalInfo {
  /** Operations since the last closing of the terminal. */
  entries: PosJournalEntryInfo[]
  closures: PosClosureInfo[]
}

export const PosPayInput = z.object({ nav: z.string().regex(/^\d{18}$/, inputMessage('noticeNumber')) })
export const PosResolveInput = z.object({
  id: z.uuid(),
  approved: z.boolean(),
  note: z.string().trim().min(3, inputMessage('posOutcomeNote')).max(300)
})
export const PosEntryInput = z.object({ id: z.uuid() }).strict()
export const PosReportInput = z.object({ closureId: z.number().int().positive(), format: z.enum(['pdf', 'csv']) }).strict()
