// The pagoPA payment notice as PDF (pdf-lib), following the layout of PagoPA's guide (3.x): header,
// ente and recipient, "Quanto e quando pagare?", "Dove pagare?", "Dati per il pagamento" with the
// QR code of each payment, and the Poste bollettino with its Data Matrix when the ente has a postal
// account. Single payment and installments (bands of two or three), with or without due date,
// Italian, English or perfectly bilingual Italian/German. The fonts are prepared once per process
// (fonts.ts), so a document only references them. renderNotices() puts many notices in one
// document; the desk's bulk print sends one job per notice instead, so that a notice that fails is
// named and the others print.
import { deflateSync } from 'node:zlib'
import { PDFDocument, PDFRawStream, rgb, type PDFFont, type PDFImage, type PDFPage, type RGB } from 'pdf-lib'
import { NOTICE_LAYOUTS } from '../../contract/desk'
import { formatDate, formatNoticeNumber } from '../../contract/format'
import { buildDataMatrixPayload } from '../pagopa/poste-datamatrix'
import { buildQrPayload } from '../pagopa/qr-code'
import { dataMatrix, qrMatrix, type ModuleMatrix } from './codes'
import { embedNoticeFonts, finishNoticeFonts, type NoticeFonts } from './fonts'
import { fill, NOTICE_STRINGS, type NoticeLanguage, type NoticeStrings } from './strings'

export interface NoticePayment {
  nav: string
  amountCents: number
  /** yyyy-mm-dd; null prints the "senza scadenza" variant. */
  dueDate: string | null
  installmentNo: number
}

export interface NoticeData {
  /** AVVISO.OGGETTO, at most 90 characters. */
  subject: string
  ente: { name: string; fiscalCode: string; sector: string; info: string; cbill: string; website?: string; logoPng?: Uint8Array }
  debtor: { fiscalCode: string; fullName: string; address: string }
  single: NoticePayment | null
  installments: NoticePayment[]
  poste: { account: string; holder: string; authorization: string } | null
}

export type NoticeLayout = (typeof NOTICE_LAYOUTS)[number]

const MM = 72 / 25.4
const PAGE_W = 210 * MM
const PAGE_H = 297 * MM
const LEFT = 12
const WIDTH = 186
const BLACK = rgb(0, 0, 0)
const GREY = rgb(0x7c / 255, 0x7c / 255, 0x7b / 255)
const LIGHT = rgb(0xec / 255, 0xec / 255, 0xec / 255)
const BLUE = rgb(0, 0x66 / 255, 0xcc / 255)
const WHITE = rgb(1, 1, 1)
const AUTH_GREY = rgb(0.3, 0.3, 0.3)

type Fonts = NoticeFonts

function languages(layout: NoticeLayout): NoticeLanguage[] {
  return layout === 'it-de' ? ['it', 'de'] : layout === 'en' ? ['en'] : ['it']
}

// Made once: toLocaleString() builds a formatter at every call, half a millisecond a notice.
const GROUPING = {
  it: new Intl.NumberFormat('it-IT', { useGrouping: 'always' } as Intl.NumberFormatOptions),
  en: new Intl.NumberFormat('en-GB', { useGrouping: 'always' } as Intl.NumberFormatOptions)
}

/** Amount as the guide writes it: 1.020,99 in Italian and German, 1,020.99 in English. */
function amountText(cents: number, lang: NoticeLanguage): string {
  const euros = GROUPING[lang === 'en' ? 'en' : 'it'].format(Math.floor(cents / 100))
  return `${euros}${lang === 'en' ? '.' : ','}${String(cents % 100).padStart(2, '0')}`
}

/** A number in a content stream: points to 1/100, enough for print and short to write. */
const num = (n: number) => String(Math.round(n * 100) / 100)
const channel = (n: number) => String(Math.round(n * 1000) / 1000)
const colour = (c: RGB, op: 'rg' | 'RG') => `${channel(c.red)} ${channel(c.green)} ${channel(c.blue)} ${op}`

/**
 * Draws one page. The page's content is written here as PDF operators in text and becomes one
 * stream, compressed by Node's zlib, when the page is done (finish()). pdf-lib's drawText() and
 * drawRectangle() build a dozen checked operator objects per call, a notice has about a hundred
 * texts and a few hundred rectangles per QR code, and pdf-lib then deflates in JavaScript: that was
 * most of a notice's time once the fonts were prepared once. Every fill and stroke sets its own
 * colour, so no state needs restoring between them.
 */
class Painter {
  private readonly content: string[] = []
  /** The page's resource name of each font. */
  private readonly fontKeys = new Map<PDFFont, string>()

  constructor(
    readonly page: PDFPage,
    readonly fonts: Fonts
  ) {}

  /** Top-left based coordinates in millimetres, as the guide's layouts are drawn. */
  text(text: string, x: number, top: number, size: number, font: PDFFont = this.fonts.regular, color: RGB = BLACK): void {
    let key = this.fontKeys.get(font)
    if (!key) {
      key = this.page.node.newFontDictionary(font.name, font.ref).toString()
      this.fontKeys.set(font, key)
    }
    const y = PAGE_H - top * MM - size * 0.8
    this.content.push(`BT ${colour(color, 'rg')} ${key} ${num(size)} Tf ${num(x * MM)} ${num(y)} Td ${font.encodeText(text).toString()} Tj ET`)
  }

  /** Wraps text inside a width (mm); returns the height used (mm). */
  paragraph(text: string, x: number, top: number, width: number, size: number, font: PDFFont = this.fonts.regular, color = BLACK, lineGap = 1.25): number {
    // Words are measured once each (font layout is the costly part), then added up.
    const lines: string[] = []
    const space = font.widthOfTextAtSize(' ', size) / MM
    for (const paragraph of text.split('\n')) {
      let line = ''
      let lineWidth = 0
      for (const word of paragraph.split(/\s+/)) {
        const wordWidth = font.widthOfTextAtSize(word, size) / MM
        if (line && lineWidth + space + wordWidth > width) {
          lines.push(line)
          line = word
          lineWidth = wordWidth
        } else {
          lineWidth += (line ? space : 0) + wordWidth
          line = line ? `${line} ${word}` : word
        }
      }
      lines.push(line)
    }
    const lineHeight = (size * lineGap) / MM
    lines.forEach((line, i) => this.text(line, x, top + i * lineHeight, size, font, color))
    return lines.length * lineHeight
  }

  rect(x: number, top: number, w: number, h: number, color: RGB = LIGHT): void {
    this.content.push(`${colour(color, 'rg')} ${num(x * MM)} ${num(PAGE_H - (top + h) * MM)} ${num(w * MM)} ${num(h * MM)} re f`)
  }

  line(x: number, top: number, w: number): void {
    const y = num(PAGE_H - top * MM)
    this.content.push(`${colour(GREY, 'RG')} 0.5 w ${num(x * MM)} ${y} m ${num((x + w) * MM)} ${y} l S`)
  }

  /** An image in a square box, top-left based, in millimetres. */
  image(image: PDFImage, x: number, top: number, side: number): void {
    const name = this.page.node.newXObject('Image', image.ref).toString()
    this.content.push(`q ${num(side * MM)} 0 0 ${num(side * MM)} ${num(x * MM)} ${num(PAGE_H - (top + side) * MM)} cm ${name} Do Q`)
  }

  /** A 2D symbol as vector rectangles (one per run of dark modules, one black path), on white with a quiet zone. */
  symbol(matrix: ModuleMatrix, x: number, top: number, side: number, quietModules: number): void {
    const module = side / matrix.size
    const margin = quietModules * module
    this.rect(x - margin, top - margin, side + 2 * margin, side + 2 * margin, WHITE)
    // Page coordinates in points, to 1/1000 (a module is about 2 pt).
    const pt = (mm: number) => String(Math.round(mm * MM * 1000) / 1000)
    // Each rectangle a hair larger than its run, so that neighbours overlap with no seam.
    const height = pt(module + 0.005)
    const path: string[] = [colour(BLACK, 'rg')]
    for (let r = 0; r < matrix.size; r++) {
      const y = pt(PAGE_H / MM - top - r * module - module - 0.005)
      let c = 0
      while (c < matrix.size) {
        if (!matrix.dark(r, c)) {
          c++
          continue
        }
        const start = c
        while (c < matrix.size && matrix.dark(r, c)) c++
        path.push(`${pt(x + start * module)} ${y} ${pt((c - start) * module + 0.005)} ${height} re`)
      }
    }
    path.push('f')
    this.content.push(path.join('\n'))
  }

  /** The page's content, as one compressed stream. */
  finish(): void {
    const { context } = this.page.doc
    const bytes = deflateSync(this.content.join('\n'))
    this.page.node.addContentStream(context.register(PDFRawStream.of(context.obj({ Filter: 'FlateDecode', Length: bytes.length }), bytes)))
  }

  width(text: string, size: number, font: PDFFont): number {
    return font.widthOfTextAtSize(text, size) / MM
  }
}

interface Ctx {
  data: NoticeData
  langs: NoticeLanguage[]
  s: NoticeStrings
  /** The second language of a bilingual notice, or null. */
  s2: NoticeStrings | null
  showDueDate: boolean
}

/** A label in the first language, and in the second (grey) when the notice is bilingual. */
function label(p: Painter, ctx: Ctx, key: keyof NoticeStrings, x: number, top: number, size: number, bold = true, values: Record<string, string | number> = {}): number {
  const first = fill(ctx.s[key], values)
  const font = bold ? p.fonts.bold : p.fonts.regular
  p.text(first, x, top, size, font)
  if (ctx.s2) {
    const offset = p.width(first, size, font) + 1.5
    p.text(fill(ctx.s2[key], values), x + offset, top, size, p.fonts.regular, GREY)
  }
  return size / MM + 1.2
}

/** Width (mm) a label takes, both languages included. */
function labelWidth(p: Painter, ctx: Ctx, key: keyof NoticeStrings, size: number, bold = true): number {
  const font = bold ? p.fonts.bold : p.fonts.regular
  const first = p.width(ctx.s[key], size, font)
  return ctx.s2 ? first + 1.5 + p.width(ctx.s2[key], size, p.fonts.regular) : first
}

/** A label and its value on one row; the value starts after the longest label of the block. */
function row(p: Painter, ctx: Ctx, key: keyof NoticeStrings, value: string, x: number, top: number, valueX: number, bold = true): number {
  label(p, ctx, key, x, top, 8)
  return p.paragraph(value, valueX, top, LEFT + WIDTH - valueX - 4, 9, bold ? p.fonts.bold : p.fonts.regular)
}

function rowsValueX(p: Painter, ctx: Ctx, keys: (keyof NoticeStrings)[], x: number): number {
  return x + Math.max(32, ...keys.map((k) => labelWidth(p, ctx, k, 8) + 3))
}

/** "entro il dd/mm/yyyy", in both languages when bilingual. */
function dueText(ctx: Ctx, day: string): string {
  const first = `${ctx.s.dueBy} ${formatDate(day)}`
  return ctx.s2 ? `${first} · ${ctx.s2.dueBy} ${formatDate(day)}` : first
}

function header(p: Painter, ctx: Ctx): void {
  label(p, ctx, 'title', LEFT, 12, 20)
  p.paragraph(ctx.data.subject.slice(0, 90), LEFT, 22, 140, 12)
  // pagoPA's wordmark, in its blue (the official logo artwork is not bundled).
  const mark = 'pagoPA'
  p.text(mark, LEFT + WIDTH - p.width(mark, 18, p.fonts.bold), 12, 18, p.fonts.bold, BLUE)
}

async function logo(doc: PDFDocument, p: Painter, png: Uint8Array | undefined): Promise<void> {
  if (!png) return
  const image = await doc.embedPng(png)
  p.image(image, LEFT + WIDTH - 30, 20, 30)
}

function parties(p: Painter, ctx: Ctx, top: number): number {
  const col = WIDTH / 2 + 2
  const { ente, debtor } = ctx.data
  label(p, ctx, 'ente', LEFT, top, 9)
  p.paragraph(ente.name, LEFT, top + 5, col - 8, 12, p.fonts.bold)
  p.text(ente.fiscalCode, LEFT, top + 11, 9, p.fonts.mono)
  let h = 16
  if (ente.sector) h += p.paragraph(ente.sector, LEFT, top + h, col - 8, 9)
  if (ente.info) h += p.paragraph(ente.info, LEFT, top + h, col - 8, 8, p.fonts.regular, GREY)
  label(p, ctx, 'recipient', LEFT + col, top, 9)
  p.paragraph(debtor.fullName.slice(0, 70), LEFT + col, top + 5, col - 8, 12, p.fonts.bold)
  p.text(debtor.fiscalCode, LEFT + col, top + 11, 9, p.fonts.mono)
  const h2 = 16 + p.paragraph(debtor.address.slice(0, 140), LEFT + col, top + 16, col - 8, 9)
  return Math.max(h, h2) + 4
}

function howMuchAndWhere(p: Painter, ctx: Ctx, top: number): number {
  const col = WIDTH / 2 + 2
  const { data, s } = ctx
  const total = data.single?.amountCents ?? data.installments.reduce((sum, i) => sum + i.amountCents, 0)
  const firstDue = data.single?.dueDate ?? data.installments[0]?.dueDate ?? null
  label(p, ctx, 'howMuch', LEFT, top, 11)
  p.text(`${amountText(total, ctx.langs[0]!)} ${s.euro}`, LEFT, top + 7, 22, p.fonts.bold)
  let h = 17
  if (ctx.showDueDate && firstDue) {
    p.text(dueText(ctx, firstDue), LEFT, top + h, 11)
    h += 6
  } else if (!ctx.showDueDate) {
    p.text(s.withoutDueDate, LEFT, top + h, 11)
    h += 6
  }
  if (data.installments.length > 0) {
    const key = data.single ? 'canPayInFullOrInstallments' : 'canPayInInstallments'
    const values = { Numero: data.installments.length }
    h += p.paragraph(fill(s[key], values), LEFT, top + h, col - 10, 9)
    if (ctx.s2) h += p.paragraph(fill(ctx.s2[key], values), LEFT, top + h, col - 10, 9, p.fonts.regular, GREY)
  }
  h += 1 + p.paragraph(s.legal, LEFT, top + h + 1, col - 10, 7, p.fonts.regular, GREY)

  const x = LEFT + col
  label(p, ctx, 'whereToPay', x, top, 11)
  let w = 7
  // Each text in the first language, then (bilingual notices) in the second, in grey.
  const both = (make: (strings: NoticeStrings) => string, size: number, bold: boolean) => {
    w += p.paragraph(make(s), x, top + w, col - 4, size, bold ? p.fonts.bold : p.fonts.regular)
    if (ctx.s2) w += p.paragraph(make(ctx.s2), x, top + w, col - 4, size, p.fonts.regular, GREY)
  }
  both((t) => t.payOnlineTitle.toUpperCase(), 9, true)
  both((t) => (data.ente.website ? fill(t.payOnlineWithSite, { EnteNome: data.ente.name }) : t.payOnline), 8.5, false)
  w += 2
  both((t) => t.payInPersonTitle.toUpperCase(), 9, true)
  both((t) => t.payInPerson, 8.5, false)
  w += 2
  p.text(s.cta, x, top + w, 9, p.fonts.bold, BLUE)
  w += 5
  return Math.max(h, w) + 4
}

function paymentBlock(p: Painter, ctx: Ctx, payment: NoticePayment, top: number): number {
  const { data, s } = ctx
  const h = 52
  p.rect(LEFT, top, WIDTH, h)
  const title = payment.installmentNo === 0 ? 'singleInstallment' : 'installmentN'
  label(p, ctx, title, LEFT + 4, top + 3, 11, true, { Numero: payment.installmentNo })
  const amount = `${amountText(payment.amountCents, ctx.langs[0]!)} ${s.euro}`
  p.text(amount, LEFT + WIDTH - 4 - p.width(amount, 14, p.fonts.bold), top + 3, 14, p.fonts.bold)
  if (ctx.showDueDate && payment.dueDate) {
    const due = dueText(ctx, payment.dueDate)
    p.text(due, LEFT + WIDTH - 4 - p.width(due, 10, p.fonts.regular) - p.width(amount, 14, p.fonts.bold) - 4, top + 4, 10)
  }
  p.symbol(qrMatrix(buildQrPayload({ nav: payment.nav, enteFiscalCode: data.ente.fiscalCode, amountCents: payment.amountCents })), LEFT + 6, top + 14, 25, 3)
  const x = LEFT + 40
  const valueX = rowsValueX(p, ctx, ['recipient', 'ente', 'subject'], x)
  row(p, ctx, 'recipient', data.debtor.fullName.slice(0, 70), x, top + 12, valueX)
  row(p, ctx, 'ente', data.ente.name, x, top + 17, valueX)
  row(p, ctx, 'subject', data.subject.slice(0, 90), x, top + 22, valueX, false)
  const codes: [keyof NoticeStrings, string][] = [
    ['cbill', data.ente.cbill || '—'],
    ['noticeCode', formatNoticeNumber(payment.nav)],
    ['enteFiscalCode', data.ente.fiscalCode]
  ]
  codes.forEach(([key, value], i) => {
    const cx = x + [0, 30, 92][i]!
    p.text(ctx.s[key], cx, top + 32, 7.5, p.fonts.bold)
    p.text(value, cx, top + 36, 10, p.fonts.mono)
  })
  p.paragraph(s.qrSingle, x, top + 44, WIDTH - 48, 7, p.fonts.regular, GREY)
  return h + 3
}

function installmentBand(p: Painter, ctx: Ctx, payments: NoticePayment[], perBand: number, top: number): number {
  const { data, s } = ctx
  const h = 62
  const cell = WIDTH / perBand
  p.rect(LEFT, top, WIDTH, h)
  payments.forEach((payment, i) => {
    const x = LEFT + i * cell + 4
    label(p, ctx, 'installmentN', x, top + 3, 10, true, { Numero: payment.installmentNo })
    p.text(`${amountText(payment.amountCents, ctx.langs[0]!)} ${s.euro}`, x, top + 8.5, 12, p.fonts.bold)
    if (ctx.showDueDate && payment.dueDate) p.text(dueText(ctx, payment.dueDate), x, top + 14, perBand === 3 ? 7.5 : 9)
    p.symbol(qrMatrix(buildQrPayload({ nav: payment.nav, enteFiscalCode: data.ente.fiscalCode, amountCents: payment.amountCents })), x + 2, top + 21, 25, 3)
    p.text(s.noticeCode, x, top + 50, 7, p.fonts.bold)
    p.text(formatNoticeNumber(payment.nav), x, top + 54, perBand === 3 ? 8 : 9.5, p.fonts.mono)
  })
  return h + 3
}

function bollettino(p: Painter, ctx: Ctx, payment: NoticePayment, top: number): number {
  const { data, s } = ctx
  const poste = data.poste!
  const h = 58
  p.line(LEFT, top, WIDTH)
  p.paragraph(s.postalTitle, LEFT, top + 2, WIDTH - 60, 8, p.fonts.bold)
  p.text('BOLLETTINO POSTALE PA', LEFT + WIDTH - p.width('BOLLETTINO POSTALE PA', 10, p.fonts.bold), top + 2, 10, p.fonts.bold)
  p.symbol(
    dataMatrix(
      buildDataMatrixPayload({
        nav: payment.nav, postalAccount: poste.account, amountCents: payment.amountCents, enteFiscalCode: data.ente.fiscalCode,
        debtorFiscalCode: data.debtor.fiscalCode, debtorName: data.debtor.fullName, subject: data.subject
      })
    ),
    LEFT + 6, top + 14, 25, 1
  )
  const x = LEFT + 40
  p.text(`${s.postalAccount} ${poste.account}`, x, top + 12, 11, p.fonts.bold)
  p.text(`${s.postalHolder} ${poste.holder}`, x + 60, top + 12, 9)
  const valueX = rowsValueX(p, ctx, ['recipient', 'subject'], x)
  row(p, ctx, 'recipient', data.debtor.fullName.slice(0, 70), x, top + 19, valueX)
  row(p, ctx, 'subject', data.subject.slice(0, 90), x, top + 24, valueX, false)
  const fields: [string, string][] = [
    [s.noticeCode, formatNoticeNumber(payment.nav)],
    [s.postalType, 'P.A.'],
    [s.enteFiscalCode, data.ente.fiscalCode],
    [s.amount, `${amountText(payment.amountCents, ctx.langs[0]!)} ${s.euro}`]
  ]
  fields.forEach(([name, value], i) => {
    const cx = x + [0, 56, 76, 118][i]!
    p.text(name, cx, top + 33, 7.5, p.fonts.bold)
    p.text(value, cx, top + 37, 10, p.fonts.mono)
  })
  if (ctx.showDueDate && payment.dueDate) p.text(dueText(ctx, payment.dueDate), x, top + 44, 9)
  p.text(poste.authorization, x, top + 50, 7, p.fonts.regular, AUTH_GREY)
  return h + 3
}

/** Bands of three where that divides the installments, else of two (the guide does not mix them). */
function bandSize(count: number): number {
  return count % 3 === 0 ? 3 : 2
}

export interface RenderOptions {
  layout?: NoticeLayout
  /** false prints the "senza scadenza" variant. */
  showDueDate?: boolean
}

/** Many notices in one PDF, fonts embedded once (a saved batch; the desk prints one job per notice). */
export async function renderNotices(notices: NoticeData[], options: RenderOptions = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  const fonts: Fonts = embedNoticeFonts(doc)
  const langs = languages(options.layout ?? 'it')
  doc.setTitle(notices.length === 1 ? `${NOTICE_STRINGS[langs[0]!].title} ${notices[0]!.subject}` : NOTICE_STRINGS[langs[0]!].title)
  doc.setLanguage(langs[0] === 'en' ? 'en' : 'it-IT')
  doc.setCreator('Sportello Dovuti')

  const painters: Painter[] = []
  for (const data of notices) {
    const ctx: Ctx = { data, langs, s: NOTICE_STRINGS[langs[0]!], s2: langs[1] ? NOTICE_STRINGS[langs[1]] : null, showDueDate: options.showDueDate ?? true }
    const newPage = async () => {
      const painter = new Painter(doc.addPage([PAGE_W, PAGE_H]), fonts)
      painters.push(painter)
      header(painter, ctx)
      return painter
    }
    let p = await newPage()
    await logo(doc, p, data.ente.logoPng)
    let top = 40
    p.line(LEFT, top - 3, WIDTH)
    top += parties(p, ctx, top)
    top += howMuchAndWhere(p, ctx, top)
    label(p, ctx, 'paymentData', LEFT, top, 13)
    top += 8
    const ensureRoom = async (height: number) => {
      if (top + height > 287) {
        p = await newPage()
        top = 40
      }
    }
    if (data.single) {
      await ensureRoom(55)
      top += paymentBlock(p, ctx, data.single, top)
      if (data.poste) {
        await ensureRoom(61)
        top += bollettino(p, ctx, data.single, top)
      }
    }
    if (data.installments.length > 0) {
      const per = bandSize(data.installments.length)
      // Installments start on a new page when a single payment came first.
      if (data.single) {
        p = await newPage()
        top = 40
        label(p, ctx, 'paymentData', LEFT, top, 13)
        top += 8
      }
      for (let i = 0; i < data.installments.length; i += per) {
        await ensureRoom(65)
        top += installmentBand(p, ctx, data.installments.slice(i, i + per), per, top)
      }
      p.paragraph(ctx.s.qrInstallments, LEFT, top, WIDTH, 7, fonts.regular, GREY)
      top += 5
      if (data.poste) {
        for (const payment of data.installments) {
          await ensureRoom(61)
          top += bollettino(p, ctx, payment, top)
        }
      }
    }
  }
  for (const painter of painters) painter.finish()
  await finishNoticeFonts(fonts)
  // Saving in one go: pdf-lib otherwise yields to the event loop every 50 objects. Object streams
  // (pdf-lib's JavaScript deflate of the small objects) cost a single notice a quarter of its time
  // for 4 KB; in a batch they save ~1.5 KB per notice for no measurable time, so only there.
  return doc.save({ objectsPerTick: Number.POSITIVE_INFINITY, useObjectStreams: notices.length > 1 })
}

export function renderNotice(data: NoticeData, options: RenderOptions = {}): Promise<Uint8Array> {
  return renderNotices([data], options)
}
