// The notice read back as a citizen's phone and a Poste scanner read it: rendered to images by
// poppler, its QR codes decoded by zbar and its Data Matrix by libdmtx, to exactly the payloads
// PagoPA's guide defines.
import { afterAll, describe, expect, it } from 'vitest'
import { buildDataMatrixPayload } from '../../src-main/core/pagopa/poste-datamatrix'
import { noticeDataFor } from '../../src-main/core/notices/notice-data'
import { renderNotice, renderNotices, type NoticeData } from '../../src-main/core/notices/render'
import { createSettingsStore } from '../../src-main/core/settings/settings'
import { openDemoDatabase } from '../helpers/demo-db'
import { decodePdf } from '../helpers/pdf'

const db = openDemoDatabase(400)
afterAll(db.cleanup)
const settings = createSettingsStore(db.sqlite)
const EC = '00723456018'

function pick(sql: string): string {
  return db.sqlite.prepare(sql).pluck().get() as string
}

const base: NoticeData = {
  subject: 'TARI 2026 - utenza domestica',
  ente: { name: 'Comune di Valdoria', fiscalCode: EC, sector: 'Tributi', info: 'tributi@comune.valdoria.it', cbill: 'A0VLD' },
  debtor: { fiscalCode: 'RSSMRA80A01H501U', fullName: 'ROSSI MARIO', address: 'Via Roma 1 00060 Valdoria RM' },
  single: { nav: '301000000000000144', amountCents: 15000, dueDate: '2026-12-31', installmentNo: 0 },
  installments: [],
  poste: null
}

describe('the pagoPA notice PDF', () => {
  it('single payment: the QR code reads back as PAGOPA|002|notice|ente|amount', async () => {
    const pdf = await renderNotice(base)
    expect(pdf.length).toBeLessThan(150 * 1024)
    const decoded = decodePdf(pdf)
    expect(decoded.pages).toBe(1)
    expect(decoded.qr).toEqual(['PAGOPA|002|301000000000000144|00723456018|15000'])
    for (const text of ['Avviso di pagamento', 'Quanto e quando pagare?', 'Dove pagare?', 'Dati per il pagamento', '3010 0000 0000 0001 44', 'A0VLD', '150,00 Euro', 'entro il 31/12/2026']) {
      expect(decoded.text).toContain(text)
    }
  })

  it('installments from the cache: one QR per installment, in bands, after the single payment', async () => {
    const iupd = pick("SELECT p.iupd FROM positions p WHERE p.status = 'VALID' AND (SELECT count(*) FROM payment_options o WHERE o.position_id = p.id AND o.installment_no > 0) = 3 AND p.due_type_id NOT IN (SELECT id FROM due_types WHERE postal_account IS NOT NULL) LIMIT 1")
    const data = noticeDataFor(db.sqlite, settings, iupd)
    expect(data.installments).toHaveLength(3)
    const pdf = await renderNotice(data)
    expect(pdf.length).toBeLessThan(150 * 1024)
    const decoded = decodePdf(pdf)
    const expected = [data.single!, ...data.installments].map((o) => `PAGOPA|002|${o.nav}|${EC}|${o.amountCents}`)
    expect([...decoded.qr].sort()).toEqual([...expected].sort())
    expect(decoded.text).toContain('Puoi pagare per intero o in 3 rate')
    expect(decoded.text).toContain('Rata 3')
  })

  it('Poste section: the Data Matrix reads back as the 256-character bollettino string', async () => {
    const iupd = pick("SELECT p.iupd FROM positions p JOIN due_types t ON t.id = p.due_type_id WHERE p.status = 'VALID' AND t.postal_account IS NOT NULL AND (SELECT count(*) FROM payment_options o WHERE o.position_id = p.id) = 1 LIMIT 1")
    const data = noticeDataFor(db.sqlite, settings, iupd)
    expect(data.poste).not.toBeNull()
    const pdf = await renderNotice(data)
    const decoded = decodePdf(pdf, { dataMatrix: true })
    const expected = buildDataMatrixPayload({
      nav: data.single!.nav, postalAccount: data.poste!.account, amountCents: data.single!.amountCents, enteFiscalCode: EC,
      debtorFiscalCode: data.debtor.fiscalCode, debtorName: data.debtor.fullName, subject: data.subject
    })
    expect(expected).toHaveLength(256)
    expect(decoded.dataMatrix).toEqual([expected])
    expect(decoded.qr).toEqual([`PAGOPA|002|${data.single!.nav}|${EC}|${data.single!.amountCents}`])
    expect(decoded.text).toContain('BOLLETTINO POSTALE PA')
    expect(decoded.text).toContain('AUT. DB/SSIC/E 12345 DEL 01/01/2026')
  })

  it('bilingual Italian/German, English, and the variant without due date', async () => {
    const bilingual = decodePdf(await renderNotice(base, { layout: 'it-de' })).text
    expect(bilingual).toContain('Zahlungsmitteilung')
    expect(bilingual).toContain('Wieviel und wann bezahlen?')
    expect(bilingual).toContain('Avviso di pagamento')
    const english = decodePdf(await renderNotice({ ...base, single: { ...base.single!, amountCents: 102099 } }, { layout: 'en' })).text
    expect(english).toContain('Payment Notice')
    expect(english).toContain('1,020.99 Euro')
    const noDue = decodePdf(await renderNotice(base, { showDueDate: false })).text
    expect(noDue).toContain('senza scadenza')
    expect(noDue).not.toContain('31/12/2026')
  })

  it('refuses to print what cannot be paid, saying why', () => {
    const paid = pick("SELECT iupd FROM positions WHERE status = 'PAID' LIMIT 1")
    expect(() => noticeDataFor(db.sqlite, settings, paid)).toThrow('Il dovuto risulta già pagato')
    const cancelled = pick("SELECT iupd FROM positions WHERE status = 'INVALID' LIMIT 1")
    expect(() => noticeDataFor(db.sqlite, settings, cancelled)).toThrow('annullato')
  })

  it('puts many notices in one document for a bulk print', async () => {
    const many = await renderNotices(Array.from({ length: 5 }, (_, i) => ({ ...base, single: { ...base.single!, amountCents: 1000 + i } })))
    const decoded = decodePdf(many)
    expect(decoded.pages).toBe(5)
    expect(decoded.qr.map((q) => q.split('|')[4])).toEqual(['1000', '1001', '1002', '1003', '1004'])
  })
})

describe('the notice’s fonts', () => {
  it('prints names in Latin Extended-A as written, in both typefaces', async () => {
    // Ł, ř, ő, ș, ğ are outside @fontsource's "latin" files: without the "latin-ext" glyphs they
    // were .notdef boxes, and pdftotext read them as nothing.
    const name = 'DVOŘÁK ŁUKASZ Ștefan Őrs Yılmaz Çağrı'
    const debtor = { ...base.debtor, fullName: name, address: 'Łąkowa 3, 80-769 Gdańsk · Dvořákova 5, Brno' }
    const data: NoticeData = { ...base, debtor, poste: { account: '123456789012', holder: 'Comune di Valdoria', authorization: 'AUT. DB/SSIC/E 12345 DEL 01/01/2026' } }
    const pdf = await renderNotice(data)
    const decoded = decodePdf(pdf)
    // The recipient box, the payment block and the bollettino each print the name.
    expect(decoded.text.split(name).length - 1).toBe(3)
    expect(decoded.text).toContain('Łąkowa 3, 80-769 Gdańsk')
    expect(decoded.qr).toEqual(['PAGOPA|002|301000000000000144|00723456018|15000'])
  })

  it('keeps a single notice under 150 KB, and a batch shares its fonts', async () => {
    const worst: NoticeData = {
      ...base,
      subject: 'Ž'.repeat(90),
      debtor: { ...base.debtor, fullName: 'ŁĄĆĘŃÓŚŹŻ łąćęńóśźż ĎŇŘŠŤŽ ďňřšťž ÄÖÜẞ äöüß', address: 'Ő'.repeat(140) },
      poste: { account: '123456789012', holder: 'Comune di Valdoria', authorization: 'AUT. DB/SSIC/E 12345 DEL 01/01/2026' }
    }
    for (const layout of ['it', 'it-de', 'en'] as const) {
      const pdf = await renderNotice(worst, { layout })
      expect(pdf.length).toBeLessThan(150 * 1024)
    }
    const one = (await renderNotice(base)).length
    const ten = (await renderNotices(Array.from({ length: 10 }, (_, i) => ({ ...base, single: { ...base.single!, amountCents: 1000 + i } })))).length
    // The fonts, most of a single notice, go in once: ten notices take far less than ten times one.
    expect(ten).toBeLessThan(3 * one)
  })
})

describe('the ente in the notice', () => {
  it('embeds the ente’s logo and still reads back', async () => {
    const bwipjs = (await import('bwip-js')).default
    const logoPng = new Uint8Array(await bwipjs.toBuffer({ bcid: 'datamatrix', text: 'Comune di Valdoria', scale: 8 }))
    const pdf = await renderNotice({ ...base, ente: { ...base.ente, logoPng } })
    expect(pdf.length).toBeLessThan(150 * 1024)
    expect(decodePdf(pdf).qr).toEqual(['PAGOPA|002|301000000000000144|00723456018|15000'])
  })
})
