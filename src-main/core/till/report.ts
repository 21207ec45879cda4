// The report of a cash closing: A4 PDF (pdf-lib, the notice's typefaces) and CSV for Excel. Both
// are printed from what the closing stored, so a report printed a year later says the same.
import fontkit from '@pdf-lib/fontkit'
import { PDFDocument, rgb, type PDFFont, type PDFPage, type RGB } from 'pdf-lib'
import { CHANNEL_LABELS_IT } from '../../contract/dues'
import { formatCents, formatDate, formatDateTime, formatNoticeNumber } from '../../contract/format'
import type { TillClosingInfo, TillCount } from '../../contract/till'
import { CSV_BOM, csvAmount, csvCell, csvLine, csvText } from '../csv'
import { noticeFontFiles } from '../notices/fonts'
import { reconciliationText } from '../pos/documents'

export interface TillReport {
  ente: string
  closing: TillClosingInfo
}

const NO_RECEIPT = '—'
const NO_TYPE = 'Senza tipo'
const count = (n: number) => (n === 1 ? '1 pagamento' : `${n} pagamenti`)

/** The figures of the report, in the order both formats print them: label, count, amount. */
function sections(c: TillClosingInfo): { title: string; lines: { label: string; total: TillCount }[] }[] {
  return [
    { title: 'Per mezzo di pagamento', lines: c.totals.channels.map((x) => ({ label: CHANNEL_LABELS_IT[x.channel], total: x })) },
    { title: 'Per operatore', lines: c.totals.operators.map((x) => ({ label: x.operator, total: x })) },
    { title: 'Per tipo di dovuto', lines: c.totals.dueTypes.map((x) => ({ label: x.dueType ?? NO_TYPE, total: x })) }
  ]
}

function cashLines(c: TillClosingInfo): [string, string][] {
  return [
    ['Fondo cassa iniziale', formatCents(c.floatCents)],
    ['Contanti incassati', formatCents(c.totals.cashCents)],
    ['Contanti attesi', formatCents(c.expectedCashCents)],
    ['Contanti contati', formatCents(c.countedCents)],
    ['Differenza', c.differenceCents === 0 ? 'nessuna' : formatCents(c.differenceCents)]
  ]
}

function posLines(c: TillClosingInfo): string[] {
  const lines = c.pos.closures.map((p) => `Chiusura del POS del ${formatDateTime(p.closedAt)} (terminale ${p.terminalId}): ${reconciliationText(p)}`)
  if (lines.length === 0) lines.push('Nessuna chiusura del POS in questo periodo.')
  if (c.pos.unclosedCount > 0) lines.push(`Operazioni del POS non ancora chiuse sul terminale: ${count(c.pos.unclosedCount)} per ${formatCents(c.pos.unclosedCents)}, nella prossima chiusura del POS.`)
  return lines
}

const heading = (c: TillClosingInfo) =>
  `Giornata del ${formatDate(c.day)}${c.deskNumber === null ? '' : ` · sportello ${c.deskNumber}`} · chiusa il ${formatDateTime(c.closedAt)} da ${c.operator}`

export function tillReportCsv(report: TillReport): string {
  const c = report.closing
  const head = csvLine(['Data e ora', 'Ricevuta', 'Numero avviso', 'Codice dovuto', 'Tipo di dovuto', 'Mezzo', 'Riferimento', 'Importo', 'Operatore'])
  const rows = c.payments.map((p) =>
    csvLine([formatDateTime(p.recordedAt), p.receipt ? csvText(p.receipt) : NO_RECEIPT, p.nav ? csvText(p.nav) : '', csvCell(p.iupd ?? ''), csvCell(p.dueType ?? NO_TYPE), CHANNEL_LABELS_IT[p.channel], csvCell(p.reference ?? ''), csvAmount(p.amountCents), csvCell(p.operator)])
  )
  const summary = [
    csvLine([]),
    csvLine(['Chiusura di cassa', formatDate(c.day)]),
    csvLine(['Sportello', c.deskNumber === null ? '' : String(c.deskNumber)]),
    csvLine(['Chiusa il', formatDateTime(c.closedAt)]),
    csvLine(['Operatore', csvCell(c.operator)]),
    csvLine(['Totale', String(c.totals.count), csvAmount(c.totals.cents)]),
    ...sections(c).flatMap((s) => s.lines.map((l) => csvLine([csvCell(`${s.title} · ${l.label}`), String(l.total.count), csvAmount(l.total.cents)]))),
    csvLine(['Fondo cassa iniziale', '', csvAmount(c.floatCents)]),
    csvLine(['Contanti attesi', '', csvAmount(c.expectedCashCents)]),
    csvLine(['Contanti contati', '', csvAmount(c.countedCents)]),
    csvLine(['Differenza', '', csvAmount(c.differenceCents)]),
    csvLine(['Nota', csvCell(c.note ?? '')]),
    ...posLines(c).map((line) => csvLine(['POS integrato', csvCell(line)]))
  ]
  return CSV_BOM + head + rows.join('') + summary.join('')
}

const MM = 72 / 25.4
/** The room of a right-aligned amount column. */
const AMOUNT_WIDTH = 70

/** A4 pages written top to bottom: lines of text, columns, a new page when the space ends. */
async function reportWriter(title: string) {
  const pdf = await PDFDocument.create()
  pdf.registerFontkit(fontkit)
  pdf.setTitle(title)
  pdf.setLanguage('it-IT')
  pdf.setCreator('Sportello Dovuti')
  const files = noticeFontFiles()
  const regular = await pdf.embedFont(files.regular, { subset: true })
  const bold = await pdf.embedFont(files.bold, { subset: true })
  const margin = 15 * MM
  let page: PDFPage = pdf.addPage([210 * MM, 297 * MM])
  let y = page.getHeight() - margin
  const width = page.getWidth() - 2 * margin
  const room = (space: number) => {
    if (y - space >= margin) return
    page = pdf.addPage([210 * MM, 297 * MM])
    y = page.getHeight() - margin
  }
  /** Cuts a cell to its column, with an ellipsis. */
  const fit = (text: string, font: PDFFont, size: number, max: number) => {
    if (font.widthOfTextAtSize(text, size) <= max) return text
    let cut = text
    while (cut.length > 1 && font.widthOfTextAtSize(`${cut}…`, size) > max) cut = cut.slice(0, -1)
    return `${cut}…`
  }
  return {
    regular,
    bold,
    text(t: string, size: number, font: PDFFont = regular, color: RGB = rgb(0, 0, 0)) {
      let line = ''
      const flush = () => {
        room(size * 1.4)
        page.drawText(line, { x: margin, y: y - size, size, font, color })
        y -= size * 1.4
      }
      for (const word of t.split(/\s+/).filter(Boolean)) {
        const next = line ? `${line} ${word}` : word
        if (font.widthOfTextAtSize(next, size) <= width || !line) line = next
        else {
          flush()
          line = word
        }
      }
      if (line) flush()
    },
    space(points: number) {
      y -= points
    },
    /** One row of cells at the given x offsets; a negative offset aligns that cell's right edge there. */
    row(cells: string[], columns: number[], size: number, font: PDFFont = regular) {
      room(size * 1.5)
      cells.forEach((cell, i) => {
        const at = columns[i]!
        const following = columns[i + 1] ?? width
        const end = following < 0 ? -following - AMOUNT_WIDTH : following
        const text = fit(cell, font, size, at < 0 ? AMOUNT_WIDTH : end - at - 3)
        const x = at < 0 ? margin - at - font.widthOfTextAtSize(text, size) : margin + at
        page.drawText(text, { x, y: y - size, size, font })
      })
      y -= size * 1.5
    },
    save: () => pdf.save()
  }
}

/** A4: the totals first (what the person checking the cash reads), then every payment with its receipt. */
export async function renderTillReport(report: TillReport): Promise<Uint8Array> {
  const c = report.closing
  const w = await reportWriter(`Chiusura di cassa del ${formatDate(c.day)}`)
  w.text(report.ente, 12, w.bold)
  w.text('Chiusura di cassa', 16, w.bold)
  w.text(heading(c), 10)
  w.text(`Totale incassato: ${formatCents(c.totals.cents)} (${count(c.totals.count)})`, 10, w.bold)

  const figures = [0, -300]
  for (const section of sections(c)) {
    w.space(6)
    w.text(section.title, 11, w.bold)
    for (const line of section.lines) w.row([line.label, formatCents(line.total.cents), count(line.total.count)], [...figures, 310], 9.5)
    if (section.lines.length === 0) w.text('Nessun pagamento.', 9.5)
  }

  w.space(6)
  w.text('Contanti nel cassetto', 11, w.bold)
  for (const [label, value] of cashLines(c)) w.row([label, value], figures, 9.5, label === 'Differenza' && c.differenceCents !== 0 ? w.bold : w.regular)
  if (c.note) w.text(`Nota: ${c.note}`, 9.5)

  w.space(6)
  w.text('POS integrato', 11, w.bold)
  for (const line of posLines(c)) w.text(line, 9.5, w.regular, /NON corretta/.test(line) ? rgb(0.7, 0, 0) : rgb(0, 0, 0))

  w.space(8)
  w.text('Ricevute e pagamenti', 11, w.bold)
  const columns = [0, 66, 114, 200, 288, -430, 436]
  w.row(['Data e ora', 'Ricevuta', 'Numero avviso', 'Tipo di dovuto', 'Mezzo', 'Importo', 'Operatore'], columns, 7.5, w.bold)
  for (const p of c.payments) {
    w.row([formatDateTime(p.recordedAt), p.receipt ?? NO_RECEIPT, p.nav ? formatNoticeNumber(p.nav) : '', p.dueType ?? NO_TYPE, CHANNEL_LABELS_IT[p.channel], formatCents(p.amountCents), p.operator], columns, 7.5)
  }
  if (c.payments.length === 0) w.text('Nessun pagamento in questo periodo.', 9)
  return w.save()
}
