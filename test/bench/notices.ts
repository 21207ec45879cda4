// Notice PDFs: pdf-lib notices per second, one document per notice (what the desk prints) and many
// notices in one document (renderNotices), against the same notice rendered from HTML to PDF by
// headless Chromium in the same run (page reused, fonts and QR code the same). Ratios are time of
// ours over time of Chromium's, so lower is better; issue 13 asks ≤ 0.5 and ≤ 0.1, and < 150 KB.
import type { Figure } from './figure'

export async function benchNotices(): Promise<Figure[]> {
  const { renderNotice, renderNotices } = await import('../../src-main/core/notices/render')
  const { NOTICE_STRINGS } = await import('../../src-main/core/notices/strings')
  const QRCode = (await import('qrcode')).default
  const { launchChromium } = await import('../helpers/browser')
  const { formatNoticeNumber } = await import('../../src-main/contract/format')
  const { createRequire } = await import('node:module')
  const require = createRequire(__filename)
  const data = {
    subject: 'TARI 2026 - utenza domestica',
    ente: { name: 'Comune di Valdoria', fiscalCode: '00723456018', sector: 'Tributi', info: 'Piazza del Municipio 1 · tributi@comune.valdoria.it', cbill: 'A0VLD' },
    debtor: { fiscalCode: 'RSSMRA80A01H501U', fullName: 'ROSSI MARIO', address: 'Via Roma 1 00060 Valdoria RM' },
    single: { nav: '301000000000000144', amountCents: 15000, dueDate: '2026-12-31', installmentNo: 0 },
    installments: [],
    poste: null
  }
  const notice = (i: number) => ({ ...data, single: { ...data.single, amountCents: 15000 + i } })
  const N = Number(process.env.BENCH_NOTICES ?? 40)

  // The first notice of a process also prepares the fonts (merged, parsed, compressed once); a
  // batch of two warms up the path of several notices, as Chromium is warmed up below.
  let started = performance.now()
  await renderNotice(notice(-1))
  const first = performance.now() - started
  await renderNotices([notice(-2), notice(-3)])
  started = performance.now()
  for (let i = 0; i < N; i++) await renderNotice(notice(i))
  const single = (performance.now() - started) / N
  started = performance.now()
  const batch = await renderNotices(Array.from({ length: N }, (_, i) => notice(N + i)))
  const batched = (performance.now() - started) / N

  // The same content as HTML: the same words (the notice's own strings), the same @fontsource
  // fonts, the QR code as inline SVG.
  const s = NOTICE_STRINGS.it
  const font = (pkg: string, file: string) => 'file://' + require.resolve(`${pkg}/files/${file}`)
  const html = async (amount: number) => {
    const qr = await QRCode.toString(`PAGOPA|002|${data.single.nav}|${data.ente.fiscalCode}|${amount}`, { type: 'svg', errorCorrectionLevel: 'M', version: 4, margin: 2 })
    const euro = `${(amount / 100).toFixed(2).replace('.', ',')} ${s.euro}`
    return `<!doctype html><html><head><meta charset="utf-8"><style>
      @font-face { font-family: T; src: url(${font('@fontsource/titillium-web', 'titillium-web-latin-400-normal.woff')}); }
      @font-face { font-family: T; font-weight: 700; src: url(${font('@fontsource/titillium-web', 'titillium-web-latin-700-normal.woff')}); }
      @font-face { font-family: M; src: url(${font('@fontsource/roboto-mono', 'roboto-mono-latin-400-normal.woff')}); }
      @page { size: A4; margin: 12mm } body { font-family: T; font-size: 10pt } h1 { font-size: 20pt } .m { font-family: M }
      .grey { background: #ececec; padding: 4mm } svg { width: 25mm; height: 25mm } .small { font-size: 7pt; color: #7c7c7b } .blue { color: #0066cc }
      </style></head><body><h1>${s.title} <span class="blue" style="float:right">pagoPA</span></h1><p>${data.subject}</p>
      <section><h2>${s.ente}</h2><p><b>${data.ente.name}</b><br><span class="m">${data.ente.fiscalCode}</span><br>${data.ente.sector}<br>${data.ente.info}</p>
      <h2>${s.recipient}</h2><p><b>${data.debtor.fullName}</b><br><span class="m">${data.debtor.fiscalCode}</span><br>${data.debtor.address}</p></section>
      <section><h2>${s.howMuch}</h2><p style="font-size:22pt"><b>${euro}</b></p><p>${s.dueBy} 31/12/2026</p><p class="small">${s.legal}</p></section>
      <section><h2>${s.whereToPay}</h2><p><b>${s.payOnlineTitle.toUpperCase()}</b><br>${s.payOnline}</p>
      <p><b>${s.payInPersonTitle.toUpperCase()}</b><br>${s.payInPerson}</p><p class="blue"><b>${s.cta}</b></p></section>
      <h2>${s.paymentData}</h2><section class="grey"><h3>${s.singleInstallment} <span style="float:right">${s.dueBy} 31/12/2026 <b>${euro}</b></span></h3>${qr}
      <p><b>${s.recipient}</b> ${data.debtor.fullName}<br><b>${s.ente}</b> ${data.ente.name}<br><b>${s.subject}</b> ${data.subject}</p>
      <p>${s.cbill} <span class="m">${data.ente.cbill}</span> · ${s.noticeCode} <span class="m">${formatNoticeNumber(data.single.nav)}</span> · ${s.enteFiscalCode} <span class="m">${data.ente.fiscalCode}</span></p>
      <p class="small">${s.qrSingle}</p></section>
      </body></html>`
  }
  const browser = await launchChromium()
  const page = await browser.newPage()
  await page.setContent(await html(15000), { waitUntil: 'load' })
  await page.pdf({ format: 'A4', printBackground: true })
  started = performance.now()
  let chromiumBytes = 0
  for (let i = 0; i < N; i++) {
    await page.setContent(await html(15000 + i), { waitUntil: 'load' })
    chromiumBytes = (await page.pdf({ format: 'A4', printBackground: true })).length
  }
  const chromium = (performance.now() - started) / N
  await browser.close()
  const pdfLibBytes = (await renderNotice(data)).length
  return [
    {
      name: 'Avvisi PDF (pdf-lib, un documento per avviso)',
      value: Math.round(1000 / single),
      unit: 'avvisi/s',
      baseline: 'lo stesso avviso da HTML a PDF con Chromium headless (pagina riusata)',
      baselineValue: Math.round(1000 / chromium),
      ratio: Number((single / chromium).toPrecision(2)),
      target: '≥ 2× più veloce di Chromium (rapporto ≤ 0,5), < 150 KB',
      note: `${single.toFixed(1)} ms e ${Math.round(pdfLibBytes / 1024)} KB per avviso (il primo del processo, che prepara i font, ${first.toFixed(0)} ms); Chromium ${chromium.toFixed(1)} ms e ${Math.round(chromiumBytes / 1024)} KB`
    },
    {
      name: 'Avvisi PDF (pdf-lib, più avvisi in un documento)',
      value: Math.round(1000 / batched),
      unit: 'avvisi/s',
      baseline: 'Chromium headless come sopra',
      baselineValue: Math.round(1000 / chromium),
      ratio: Number((batched / chromium).toPrecision(2)),
      target: '≥ 10× più veloce di Chromium per avviso (rapporto ≤ 0,1)',
      note: `${batched.toFixed(1)} ms per avviso; ${N} avvisi in ${Math.round(batch.length / 1024)} KB`
    }
  ]
}
