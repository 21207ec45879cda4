// A receipt as ESC/POS bytes for an 80 mm thermal printer. The command set and the conversion of
// the text to the printer's code page are @point-of-sale/receipt-printer-encoder's: nothing here
// writes a command by hand. Code page 858 (850 with €) holds every Italian letter and the euro
// sign; its number is Epson's (19), which the common ESC/POS printers share.
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder'

export const RECEIPT_CODEPAGE = 'cp858'
/** Lines fed before the cut, so that the last line clears the cutter. */
const FEED_BEFORE_CUT = 4

export interface EscPosOptions {
  /** Characters per line in font A: 48 on most 80 mm printers, 42 on some. */
  columns: number
}

/** One printed line (the shape of receipts/receipt-data's ReceiptLine); long ones wrap. */
export interface EscPosLine {
  text: string
  bold?: boolean
  align?: 'left' | 'center' | 'right'
  /** Double width and height: the title, the amount. */
  large?: boolean
}

// Typography the code page lacks, as the nearest character it has (else the encoder prints "?").
const PLAIN: [RegExp, string][] = [
  [/[\u2010-\u2015\u2212]/g, '-'],
  [/[\u2018\u2019\u201a\u201b\u2032]/g, "'"],
  [/[\u201c\u201d\u201e\u201f\u2033]/g, '"'],
  [/\u2026/g, '...'],
  [/[\u2007\u2009\u200a\u202f]/g, ' '],
  [/•/g, '*']
]
export function printable(text: string): string {
  return PLAIN.reduce((t, [pattern, plain]) => t.replace(pattern, plain), text)
}

/** The lines, top to bottom, then the feed and the cut. */
export function renderEscPos(lines: readonly EscPosLine[], options: EscPosOptions): Uint8Array {
  const e = new ReceiptPrinterEncoder({ language: 'esc-pos', columns: options.columns, codepageMapping: 'epson', newline: '\n', feedBeforeCut: FEED_BEFORE_CUT })
  e.initialize().codepage(RECEIPT_CODEPAGE)
  for (const line of lines) {
    e.align(line.align ?? 'left').bold(line.bold ?? false)
    if (line.large) e.size(2, 2)
    e.line(printable(line.text))
    if (line.large) e.size(1, 1)
  }
  return e.bold(false).align('left').cut().encode()
}
