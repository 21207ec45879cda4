// ECR17 messages: fixed-width ASCII fields, positions 1-based as in the public tables. Every
// message starts with TID(8) '0'(1) code(1). Amounts are euro cents, zero-padded. Only the
// messages the desk sends are here (status, payment, last result, closing).
import { AppError } from '../../../contract/errors'
import type { MessageKey } from '../../../contract/messages'

export interface Ecr17Ids {
  /** 8 digits; 00000000 is the wildcard every terminal accepts. */
  terminalId: string
  /** ECR (cash register) id, 8 digits. */
  cashRegisterId: string
}

export const MAX_PAYMENT_CENTS = 99_999_999
const RECEIPT_TEXT = 128

/** `tooLong` names the field: "Codice terminale: 8 cifre al massimo". */
function digits(value: number | string, width: number, tooLong: MessageKey): string {
  const text = String(value)
  if (!/^\d+$/.test(text) || text.length > width) throw new AppError('INVALID_INPUT', tooLong, { width })
  return text.padStart(width, '0')
}
function checkIds(ids: Ecr17Ids): void {
  digits(ids.terminalId, 8, 'pos.ecr17.terminalIdDigits')
  digits(ids.cashRegisterId, 8, 'pos.ecr17.cashRegisterIdDigits')
}
const head = (ids: Ecr17Ids, code: string) => `${digits(ids.terminalId, 8, 'pos.ecr17.terminalIdDigits')}0${code}`

export const ecr17 = {
  status: (ids: Pick<Ecr17Ids, 'terminalId'>) => `${digits(ids.terminalId, 8, 'pos.ecr17.terminalIdDigits')}0s`,
  /** P (result E) or X (extended result: E plus the amount the host authorised). */
  payment(ids: Ecr17Ids, amountCents: number, options: { extended?: boolean; receiptText?: string; payType?: 0 | 1 | 2 | 3 } = {}): string {
    checkIds(ids)
    if (!Number.isInteger(amountCents) || amountCents < 1 || amountCents > MAX_PAYMENT_CENTS) throw new AppError('INVALID_INPUT', 'pos.ecr17.amountRange')
    const text = (options.receiptText ?? '').replace(/[^\x20-\x7e]/g, ' ').slice(0, RECEIPT_TEXT).padStart(RECEIPT_TEXT, ' ')
    return `${head(ids, options.extended === false ? 'P' : 'X')}${ids.cashRegisterId}0000${options.payType ?? 0}${digits(amountCents, 8, 'pos.ecr17.amountDigits')}${text}00000000`
  },
  lastResult: (ids: Ecr17Ids) => (checkIds(ids), `${head(ids, 'G')}${ids.cashRegisterId}0000`),
  closeSession: (ids: Ecr17Ids) => (checkIds(ids), `${head(ids, 'C')}${ids.cashRegisterId}00000000`)
}

/** 1-based, inclusive start, as the spec's tables write positions. */
const field = (message: string, position: number, length: number) => message.slice(position - 1, position - 1 + length)

export type PaymentResult =
  | {
      outcome: 'approved'
      terminalId: string
      pan: string
      transactionType: string
      authCode: string
      hostTime: string
      cardType: string
      acquirerId: string
      stan: string
      onlineId: string
      /** Only in the extended (X) result. */
      authorisedCents: number | null
    }
  | { outcome: 'declined' | 'card-not-present' | 'error'; terminalId: string; code: string; text: string; stan: string; onlineId: string }

export function parsePaymentResult(message: string): PaymentResult | null {
  if (message.length < 71 || field(message, 10, 1) !== 'E') return null
  const terminalId = field(message, 1, 8)
  const code = field(message, 11, 2)
  const stan = field(message, 60, 6)
  const onlineId = field(message, 66, 6)
  if (code === '00') {
    const authorised = message.length >= 92 ? field(message, 75, 8) : ''
    return {
      outcome: 'approved',
      terminalId,
      pan: field(message, 13, 19).replace(/^0+(?=[\d*])/, ''),
      transactionType: field(message, 32, 3),
      authCode: field(message, 35, 6).trim(),
      hostTime: field(message, 41, 7),
      cardType: field(message, 48, 1),
      acquirerId: field(message, 49, 11).trim(),
      stan,
      onlineId,
      authorisedCents: /^\d{8}$/.test(authorised) ? Number(authorised) : null
    }
  }
  return {
    outcome: code === '01' ? 'declined' : code === '05' ? 'card-not-present' : 'error',
    terminalId,
    code,
    text: field(message, 13, 24).trim(),
    stan,
    onlineId
  }
}

export interface TerminalStatus {
  terminalId: string
  dateTime: string
  /** 2 = operative; 0 not configured; 6 software update pending. */
  state: string
  software: string
}

export function parseStatus(message: string): TerminalStatus | null {
  if (message.length < 31 || field(message, 10, 1) !== 's') return null
  return { terminalId: field(message, 1, 8), dateTime: field(message, 21, 10), state: field(message, 31, 1), software: message.slice(31).trim() }
}


export function parseCloseSession(message: string):
  | { ok: true; posTotalCents: number; hostTotalCents: number }
  | { ok: false; description: string; actionCode: string }
  | null {
  if (field(message, 10, 1) !== 'C' || message.length < 13) return null
  if (field(message, 11, 2) === '00') {
    const pos = field(message, 13, 16)
    const host = field(message, 29, 16)
    return /^\d{16}$/.test(pos) && /^\d{16}$/.test(host) ? { ok: true, posTotalCents: Number(pos), hostTotalCents: Number(host) } : null
  }
  return { ok: false, description: field(message, 13, 19).trim(), actionCode: field(message, 32, 3) }
}
