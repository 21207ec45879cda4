// The receipt of a payment taken at the desk, on one A4 page for the desk's printer: the same
// document and the same words as the receipt printer's (receipts/receipt-data.ts), with the
// notice's typefaces. A reprint says "COPIA" in its title and across the page.
import { degrees, PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib'
import { formatCents } from '../../contract/format'
import { receiptNumberLabel } from '../../contract/receipts'
import { receiptFields, receiptTitle, type ReceiptDocument } from '../receipts/receipt-data'
import { embedNoticeFonts, finishNoticeFonts } from './fonts'
import { wrapText } from './pdf-text'

const MM = 72 / 25.4
const A4: [number, number] = [210 * MM, 297 * MM]
const INK = rgb(0.1, 0.1, 0.12)
const MUTED = rgb(0.35, 0.37, 0.4)
const RULE = rgb(0.75, 0.77, 0.8)
const BLUE = rgb(0, 0.4, 0.8)

/** Lines that fit the width; an empty value still takes its line. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines = wrapText(text, font, size, width)
  return lines.length ? lines : ['']
}

export const receiptFilename = (r: ReceiptDocument) => `ricevuta-${r.year}-sportello-${r.desk.number}-n${r.number}${r.copy ? '-copia' : ''}.pdf`

export async function renderReceiptPdf(r: ReceiptDocument): Promise<Uint8Array> {
  const pdf = await PDFDocument.create()
  // The notice's faces, prepared once per process (fonts.ts).
  const fonts = embedNoticeFonts(pdf)
  const { regular, bold } = fonts
  pdf.setTitle(`${receiptTitle(r)}${r.copy ? ' (copia)' : ''}`)
  pdf.setSubject(`Ricevuta di pagamento allo sportello ${receiptNumberLabel(r)}`)
  pdf.setAuthor(r.ente.name)
  pdf.setLanguage('it-IT')
  pdf.setCreator('Sportello Dovuti')
  const page: PDFPage = pdf.addPage(A4)
  const margin = 20 * MM
  const width = A4[0] - 2 * margin
  let y = A4[1] - margin

  if (r.copy) {
    // Across the page, light: a copy can never pass for the original.
    page.drawText('COPIA', { x: 55 * MM, y: 90 * MM, size: 120, font: bold, color: rgb(0.88, 0.89, 0.91), rotate: degrees(35) })
  }
  const text = (t: string, size: number, font: PDFFont, color = INK, x = margin, w = width) => {
    for (const line of wrap(t, font, size, w)) {
      page.drawText(line, { x, y: y - size, size, font, color })
      y -= size * 1.35
    }
  }

  text(r.ente.name, 15, bold)
  text(`Codice fiscale ${r.ente.fiscalCode}`, 10, regular, MUTED)
  y -= 6 * MM
  text(receiptTitle(r), 20, bold, BLUE)
  text(r.copy ? 'COPIA della ricevuta di pagamento allo sportello' : 'Ricevuta di pagamento allo sportello', 11, r.copy ? bold : regular, MUTED)
  y -= 5 * MM

  // The amount, in figures and in words, in a box.
  const boxTop = y
  y -= 4 * MM
  text('Importo pagato', 10, regular, MUTED, margin + 5 * MM, width - 10 * MM)
  text(formatCents(r.amountCents), 22, bold, INK, margin + 5 * MM, width - 10 * MM)
  text(r.amountInWords, 12, regular, INK, margin + 5 * MM, width - 10 * MM)
  y -= 3 * MM
  page.drawRectangle({ x: margin, y, width, height: boxTop - y, borderColor: RULE, borderWidth: 1 })
  y -= 8 * MM

  // The fields: label on the left, value on the right, a thin rule between rows.
  const labelWidth = 52 * MM
  for (const [label, value] of receiptFields(r)) {
    const top = y
    const valueLines = wrap(value, bold, 11, width - labelWidth)
    page.drawText(label, { x: margin, y: top - 11, size: 10, font: regular, color: MUTED })
    valueLines.forEach((line, i) => page.drawText(line, { x: margin + labelWidth, y: top - 11 - i * 11 * 1.35, size: 11, font: bold, color: INK }))
    y = top - Math.max(1, valueLines.length) * 11 * 1.35 - 2 * MM
    page.drawLine({ start: { x: margin, y: y + 1 * MM }, end: { x: margin + width, y: y + 1 * MM }, thickness: 0.5, color: RULE })
  }
  y -= 6 * MM
  text('Pagamento ricevuto allo sportello e registrato sul dovuto indicato. Conservare la ricevuta.', 10, regular, INK)
  if (r.copy) text(`Copia stampata il ${new Intl.DateTimeFormat('it-IT', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Rome' }).format(new Date())}: non valida come originale.`, 9, regular, MUTED)
  page.drawText(`${r.ente.name} · ${receiptTitle(r)}`, { x: margin, y: margin / 2, size: 8, font: regular, color: MUTED })
  await finishNoticeFonts(fonts)
  // As a single notice: without object streams (pdf-lib's JavaScript deflate), a few KB more, faster.
  return pdf.save({ useObjectStreams: false })
}
