// Recognises what the operator typed or scanned into the one search box. Exact codes go to
// ordinary indexes; everything else is words for the full-text index.
import type { Message } from '../../contract/messages'
import { ftsQuery, searchWords } from '../db/fts'
import { isPersonFiscalCodeShape } from '../pagopa/fiscal-code'
import { compactDigits } from '../pagopa/notice-number'
import { parseDataMatrixPayload } from '../pagopa/poste-datamatrix'
import { parseQrPayload } from '../pagopa/qr-code'

export { ftsQuery, searchWords }

export type QueryKind =
  | { kind: 'all' }
  | { kind: 'noticeNumber'; nav: string }
  /** What a USB scanner types when it reads a paper notice: the due opens directly. */
  | { kind: 'scan'; nav: string; source: 'qr' | 'datamatrix' }
  | { kind: 'badScan'; reason: Message }
  | { kind: 'iuv'; iuv: string }
  | { kind: 'fiscalCode'; fiscalCode: string }
  /** A single token that may be an IUPD; if none matches, its words are searched. */
  | { kind: 'iupdOrText'; iupd: string; words: string[] }
  | { kind: 'text'; words: string[] }

export function classifyQuery(input: string): QueryKind {
  const text = input.trim()
  if (text === '') return { kind: 'all' }
  if (/^pagopa\|/i.test(text)) {
    const qr = parseQrPayload(text)
    return qr.valid ? { kind: 'scan', nav: qr.nav, source: 'qr' } : { kind: 'badScan', reason: qr.reason }
  }
  if (text.startsWith('codfase=')) {
    const matrix = parseDataMatrixPayload(input)
    return matrix.valid ? { kind: 'scan', nav: matrix.nav, source: 'datamatrix' } : { kind: 'badScan', reason: matrix.reason }
  }
  const compact = compactDigits(text)
  if (/^\d{18}$/.test(compact)) return { kind: 'noticeNumber', nav: compact }
  if (/^\d{17}$/.test(compact) || /^\d{15}$/.test(compact)) return { kind: 'iuv', iuv: compact }
  const upper = text.replace(/\s+/g, '').toUpperCase()
  if (isPersonFiscalCodeShape(upper) || /^\d{11}$/.test(upper)) return { kind: 'fiscalCode', fiscalCode: upper }
  const words = searchWords(text)
  if (!/\s/.test(text) && /[\d\-_/]/.test(text)) return { kind: 'iupdOrText', iupd: text, words }
  return { kind: 'text', words }
}
