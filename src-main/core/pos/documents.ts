// The POS paperwork: the citizen's receipt (a narrow page for a receipt printer or any printer) and
// the end-of-day report (A4 PDF and CSV). Same typefaces as the notice, embedded.
import type { PDFDocument, PDFFont, PDFPage, rgb as Rgb } from 'pdf-lib'
import { formatCents, formatDateTime, formatNoticeNumber } from '../../contract/format'
import { POS_APPROVED_STATES, type PosClosureInfo, type PosJournalEntryInfo, type PosJournalState } from '../../contract/pos'
import { CSV_BOM, csvAmount, csvCell, csvLine, csvText } from '../csv'
import { CHANNEL_LABELS_IT } from '../../contract/dues'
import { wrapText } from '../notices/pdf-text'

export const JOURNAL_STATE_LABELS: Record<PosJournalEntryInfo['state'], string> = {
  sending: 'In corso',
  approved: 'Approvato',
  declined: 'Non riuscito',
  'not-sent': 'Non inviato',
  unknown: 'Da verificare',
  'not-performed': 'Non eseguito',
  uncertain: 'Esito incerto',
  'resolved-approved': 'Approvato (confermato)',
  'resolved-not-performed': 'Non eseguito (confermato)'
}
export const isApproved = (state: PosJournalState) => POS_APPROVED_STATES.includes(state)

interface Fonts {
  regular: PDFFont
  bold: PDFFont
}
// pdf-lib and fontkit take a good part of a second to load: loaded with the first document the
// desk prints, not with the desk (the POS desk is built at start, on the path to the first search).
async function newDocument(title: string): Promise<{ pdf: PDFDocument; fonts: Fonts; rgb: typeof Rgb }> {
  const [{ PDFDocument, rgb }, fontkit, { noticeFontFiles }] = await Promise.all([import('pdf-lib'), import('@pdf-lib/fontkit').then((m) => m.default), import('../notices/fonts')])
  const pdf = await PDFDocument.create()
  pdf.registerFontkit(fontkit)
  const files = noticeFontFiles()
  pdf.setTitle(title)
  pdf.setLanguage('it-IT')
  pdf.setCreator('Sportello Dovuti')
  return { pdf, rgb, fonts: { regular: await pdf.embedFont(files.regular, { subset: true }), bold: await pdf.embedFont(files.bold, { subset: true }) } }
}

export interface ReceiptData {
  ente: string
  entry: PosJournalEntryInfo
  causale: string
  debtor: string
}

const MM = 72 / 25.4

/** The citizen's copy: 80 mm wide, what was paid, for which notice, with which card. */
export async function renderReceipt(data: ReceiptData): Promise<Uint8Array> {
  const { pdf, fonts } = await newDocument(`Ricevuta pagamento POS ${data.entry.nav}`)
  const width = 80 * MM
  const margin = 5 * MM
  const rows: [string, string][] = [
    ['Data', formatDateTime(data.entry.createdAt)],
    ['Numero avviso', formatNoticeNumber(data.entry.nav)],
    ['Codice dovuto', data.entry.iupd],
    ['Debitore', data.debtor],
    ['Carta', data.entry.pan ?? '—'],
    ['STAN', data.entry.stan ?? '—'],
    ['Autorizzazione', data.entry.authCode ?? '—'],
    ['Terminale', data.entry.terminalId],
    ['Operatore', data.entry.operator]
  ]
  const page = pdf.addPage([width, 150 * MM])
  let y = page.getHeight() - margin - 12
  const text = (t: string, size: number, font: PDFFont = fonts.regular) => {
    for (const line of wrapText(t, font, size, width - 2 * margin)) {
      page.drawText(line, { x: margin, y, size, font })
      y -= size * 1.35
    }
  }
  text(data.ente, 11, fonts.bold)
  text('Ricevuta di pagamento con carta', 10)
  y -= 4
  text(formatCents(data.entry.amountCents), 16, fonts.bold)
  text(JOURNAL_STATE_LABELS[data.entry.state], 10, fonts.bold)
  y -= 4
  text(`Causale: ${data.causale}`, 8.5)
  for (const [label, value] of rows) text(`${label}: ${value}`, 8.5)
  y -= 6
  text('Pagamento registrato dallo sportello sul dovuto indicato. Conservare la ricevuta.', 7.5)
  return pdf.save()
}

export interface DailyReport {
  ente: string
  closure: PosClosureInfo
  entries: PosJournalEntryInfo[]
}

export function reconciliationText(c: PosClosureInfo): string {
  if (c.balanced) return `Quadratura corretta: ${c.journalCount} pagamenti approvati per ${formatCents(c.journalCents)}, uguale ai totali del POS e dell’host.`
  const parts = [
    c.terminalCents !== c.journalCents ? `POS ${formatCents(c.terminalCents)} contro ${formatCents(c.journalCents)} registrati (differenza ${formatCents(c.terminalCents - c.journalCents)})` : null,
    c.hostCents !== c.terminalCents ? `host ${formatCents(c.hostCents)} contro POS ${formatCents(c.terminalCents)}` : null,
    c.unresolved > 0 ? `${c.unresolved} pagamenti con esito incerto` : null
  ].filter(Boolean)
  return `Quadratura NON corretta: ${parts.join('; ')}. Verificare con il giornale del POS.`
}

/** The desk's other collections in the period, one line per channel ("POS non collegato" among them). */
function deskChannelLines(c: PosClosureInfo): { label: string; count: string; cents: number }[] {
  return c.deskChannels.map((d) => ({ label: CHANNEL_LABELS_IT[d.channel], count: `${d.count} pagamenti`, cents: d.cents }))
}

export function dailyReportCsv(report: DailyReport): string {
  const c = report.closure
  const head = csvLine(['Data', 'Numero avviso', 'Codice dovuto', 'Importo', 'Esito', 'STAN', 'Autorizzazione', 'Carta', 'Terminale', 'Operatore', 'Nota'])
  const rows = report.entries.map((e) =>
    csvLine([formatDateTime(e.createdAt), csvText(e.nav), csvCell(e.iupd), csvAmount(e.amountCents), JOURNAL_STATE_LABELS[e.state], csvText(e.stan ?? ''), csvCell(e.authCode ?? ''), csvCell(e.pan ?? ''), csvText(e.terminalId), csvCell(e.operator), csvCell(e.message ?? '')])
  )
  const summary = [
    csvLine([]),
    csvLine(['Chiusura', formatDateTime(c.closedAt)]),
    csvLine(['Totale registrato dallo sportello', csvAmount(c.journalCents)]),
    csvLine(['Totale del POS', csvAmount(c.terminalCents)]),
    csvLine(['Totale dell’host', csvAmount(c.hostCents)]),
    csvLine(['Esito', csvCell(reconciliationText(c))]),
    ...deskChannelLines(c).map((line) => csvLine([`Altri incassi allo sportello · ${line.label}`, line.count, csvAmount(line.cents)]))
  ]
  return CSV_BOM + head + rows.join('') + summary.join('')
}

/** A4, the summary first (what an auditor checks), then every operation of the session. */
export async function renderDailyReport(report: DailyReport): Promise<Uint8Array> {
  const c = report.closure
  const { pdf, fonts, rgb } = await newDocument(`Chiusura giornaliera POS ${formatDateTime(c.closedAt)}`)
  const margin = 15 * MM
  let page: PDFPage = pdf.addPage([210 * MM, 297 * MM])
  let y = page.getHeight() - margin
  const width = page.getWidth() - 2 * margin
  const newPageIfNeeded = (space: number) => {
    if (y - space >= margin) return
    page = pdf.addPage([210 * MM, 297 * MM])
    y = page.getHeight() - margin
  }
  const text = (t: string, size: number, font: PDFFont = fonts.regular, color = rgb(0, 0, 0)) => {
    for (const line of wrapText(t, font, size, width)) {
      newPageIfNeeded(size * 1.4)
      page.drawText(line, { x: margin, y: y - size, size, font, color })
      y -= size * 1.4
    }
  }
  text(report.ente, 12, fonts.bold)
  text('Chiusura giornaliera POS', 16, fonts.bold)
  text(`Chiusura del ${formatDateTime(c.closedAt)} · terminale ${c.terminalId} · operatore ${c.operator}`, 10)
  y -= 6
  text(`Totale registrato dallo sportello: ${formatCents(c.journalCents)} (${c.journalCount} pagamenti approvati)`, 10)
  text(`Totale del POS: ${formatCents(c.terminalCents)}`, 10)
  text(`Totale dell’host: ${formatCents(c.hostCents)}`, 10)
  text(reconciliationText(c), 10, fonts.bold, c.balanced ? rgb(0, 0.4, 0.2) : rgb(0.7, 0, 0))
  if (c.deskChannels.length) {
    y -= 6
    text('Altri incassi allo sportello nello stesso periodo', 10, fonts.bold)
    for (const line of deskChannelLines(c)) text(`${line.label}: ${line.count}, ${formatCents(line.cents)}`, 10)
  }
  y -= 10
  const columns: [string, number][] = [['Data', 0], ['Numero avviso', 70], ['Importo', 185], ['Esito', 245], ['STAN', 355], ['Aut.', 400], ['Operatore', 440]]
  const row = (cells: string[], font: PDFFont) => {
    newPageIfNeeded(12)
    cells.forEach((cell, i) => page.drawText(cell, { x: margin + columns[i]![1], y: y - 8, size: 8, font }))
    y -= 12
  }
  row(columns.map(([label]) => label), fonts.bold)
  for (const e of report.entries) {
    row([formatDateTime(e.createdAt), formatNoticeNumber(e.nav), formatCents(e.amountCents), JOURNAL_STATE_LABELS[e.state], e.stan ?? '', e.authCode ?? '', e.operator.slice(0, 20)], fonts.regular)
  }
  if (report.entries.length === 0) text('Nessuna operazione nella sessione.', 9)
  return pdf.save()
}
