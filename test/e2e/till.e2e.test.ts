// A day at the counter ending with the cash closing, in a real Chromium through the browser host,
// against the GPD simulator in its own process and the desk's POS simulated on TCP: cash taken on
// the due's page, a cheque, a card on a POS not connected to the desk and one on the desk's own
// terminal; then Cassa: the totals, the POS closing, "Chiusura di cassa" with a cash difference
// that needs a note, both reports downloaded and read back, and a closed day refusing a payment
// dated on it. Every screen and dialog is checked with axe-core (WCAG 2.1 AA).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DueSummary, SearchDuesResult } from '../../src-main/contract/dues'
import { formatAmountInput, formatCents, formatNoticeNumber } from '../../src-main/contract/format'
import { serveTerminalOnTcp } from '../../src-main/core/pos/serve-simulator'
import { seriousViolations } from '../helpers/axe'
import { launchChromium, screenshotPath } from '../helpers/browser'
import { CLI, ROOT, tempDir } from '../helpers/paths'
import { runCli, serve, simulateBackend, type Served } from '../helpers/processes'

const PASSWORD = 'password-di-prova-123'
const simData = tempDir()
const data = tempDir()
let sim: ChildProcess
let served: Served
let terminal: Awaited<ReturnType<typeof serveTerminalOnTcp>>
let browser: Browser
let page: Page

const romeDay = (offsetDays = 0) => new Date(Date.now() + offsetDays * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Rome' })
/** pdftotext and Chromium lay amounts out with ordinary spaces where it-IT has no-break ones. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ')

function runWithStdin(args: string[], input: string): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT })
    child.on('close', resolve)
    child.stdin.end(input)
  })
}

async function rpc<T>(method: string, input: unknown): Promise<{ ok: boolean; value: T; error?: { code: string; message: string } }> {
  const res = await fetch(`${served.origin}/rpc/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${served.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input)
  })
  return (await res.json()) as { ok: boolean; value: T; error?: { code: string; message: string } }
}

const used = new Set<string>()
async function pickDue(): Promise<DueSummary> {
  const result = await rpc<SearchDuesResult>('dues.search', { statuses: ['VALID'], pageSize: 200 })
  const due = result.value.rows.find((r) => r.installments === 0 && !used.has(r.iupd))!
  used.add(due.iupd)
  return due
}

async function openDue(iupd: string): Promise<void> {
  await page.goto(`${served.origin}/#/dovuti/${encodeURIComponent(iupd)}`)
  await page.getByTestId('due-iupd').waitFor()
}

async function expectAccessible(name: string): Promise<void> {
  await page.screenshot({ path: screenshotPath(name), fullPage: true })
  expect(await seriousViolations(page), name).toEqual([])
}

async function openTill(): Promise<void> {
  await page.keyboard.press('Alt+4')
  await page.getByRole('heading', { name: 'Cassa', exact: true }).waitFor()
  await page.getByTestId('cash-total').waitFor()
}

/** The row of a totals table, as its cells read. */
async function totalsRow(table: string, label: string): Promise<string[]> {
  const row = page.getByTestId(`cash-by-${table}`).locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: label, exact: true }) })
  return (await row.locator('th, td').allInnerTexts()).map(plain)
}

beforeAll(async () => {
  const backend = await simulateBackend(['--data', simData.dir, '--seed', '150'])
  sim = backend.child
  expect((await runCli(['config', '--data', data.dir, '--demo', '--desk', '3'])).code).toBe(0)
  terminal = await serveTerminalOnTcp({ terminalId: '12345678' })
  const posFile = join(data.dir, 'pos.json')
  writeFileSync(posFile, JSON.stringify({ mode: 'tcp', host: '127.0.0.1', port: Number(terminal.address), terminalId: '12345678' }))
  expect((await runCli(['config', '--data', data.dir, '--pos', posFile])).code).toBe(0)
  expect(await runWithStdin(['operators', 'add', '--data', data.dir, '--username', 'mario.rossi', '--name', 'Mario Rossi', '--role', 'amministratore'], PASSWORD)).toBe(0)
  served = await serve(['--data', data.dir, '--backend', backend.url])
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'it-IT', acceptDownloads: true })
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await served?.stop()
  await terminal?.close()
  sim?.kill('SIGTERM')
  data.cleanup()
  simData.cleanup()
})

describe('the cash closing, end to end', () => {
  it('closes a mixed day with a cash difference explained, and downloads the report', async () => {
    await page.goto(served.url)
    await page.getByLabel('Nome utente').fill('mario.rossi')
    await page.getByLabel('Password').fill(PASSWORD)
    await page.getByRole('button', { name: 'Accedi' }).click()
    await expect.poll(() => page.locator('[data-testid=result-summary]').innerText(), { timeout: 60_000 }).toMatch(/^150 dovuti trovati/)

    // Cash on the due's page.
    const cash = await pickDue()
    await openDue(cash.iupd)
    await page.getByTestId('action-pay').click()
    await page.getByLabel('Mezzo di pagamento').selectOption('contanti')
    await page.getByRole('dialog').getByRole('button', { name: 'Registra pagamento' }).click()
    await expect.poll(() => page.locator('.due-head').innerText()).toContain('Pagato')
    // A cheque, a card on a terminal not connected to the desk, and one on the desk's own terminal.
    const cheque = await pickDue()
    const offline = await pickDue()
    const card = await pickDue()
    expect((await rpc('dues.registerPayment', { nav: cheque.noticeNumber, paidOn: romeDay(), channel: 'assegno', reference: 'assegno 5512' })).ok).toBe(true)
    expect((await rpc('dues.registerPayment', { nav: offline.noticeNumber, paidOn: romeDay(), channel: 'pos', reference: 'scontrino 12' })).ok).toBe(true)
    expect(await rpc<{ state: string }>('pos.pay', { nav: card.noticeNumber })).toMatchObject({ ok: true, value: { state: 'approved' } })
    const all = [cash, cheque, offline, card]
    const total = all.reduce((sum, d) => sum + d.amountCents, 0)

    // Alt+4: Cassa, with the day's figures three ways and every payment.
    await openTill()
    expect(plain(await page.getByTestId('cash-total').innerText())).toBe(plain(`Totale: 4 pagamenti per ${formatCents(total)}`))
    expect(await totalsRow('channel', 'Contanti')).toEqual(['Contanti', '1', plain(formatCents(cash.amountCents))])
    expect(await totalsRow('channel', 'Assegno')).toEqual(['Assegno', '1', plain(formatCents(cheque.amountCents))])
    expect(await totalsRow('channel', 'Bonifico')).toEqual(['Bonifico', '0', plain(formatCents(0))])
    expect(await totalsRow('channel', 'POS integrato')).toEqual(['POS integrato', '1', plain(formatCents(card.amountCents))])
    expect(await totalsRow('channel', 'POS non collegato')).toEqual(['POS non collegato', '1', plain(formatCents(offline.amountCents))])
    expect(await totalsRow('operator', 'Mario Rossi')).toEqual(['Mario Rossi', '4', plain(formatCents(total))])
    const listed = await page.getByTestId('cash-payments').locator('tbody tr').allInnerTexts()
    expect(listed).toHaveLength(4)
    for (const [i, due] of all.entries()) expect(listed[i]).toContain(formatNoticeNumber(due.noticeNumber))
    // A receipt printed again from the till, on the desk's printer (a real CUPS queue).
    expect((await rpc('printers.choose', { name: 'SportelloPDF' })).ok).toBe(true)
    await page.getByTestId('cash-copy').first().click()
    await expect.poll(() => page.getByTestId('cash-copy-status').innerText(), { timeout: 15_000 }).toMatch(/inviata alla stampante SportelloPDF\.$/)
    expect(await page.getByTestId('cash-pos').innerText()).toContain('Il POS ha 1 operazione approvata')
    await expectAccessible('till-open-day')

    // The POS first, so that its reconciliation goes into the cash closing.
    await page.getByRole('button', { name: 'Chiusura del POS' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Chiudi la sessione del POS' }).click()
    await expect.poll(() => page.getByTestId('till-message').innerText(), { timeout: 15_000 }).toMatch(/^POS chiuso: 1 pagamenti per /)
    await expect.poll(() => page.getByTestId('cash-pos').innerText()).toContain('Corretta')

    // "Chiusura di cassa": one euro short, so the note is asked for before the button works.
    await page.getByTestId('cash-close').click()
    const dialog = page.getByRole('dialog')
    await dialog.getByRole('heading', { name: 'Chiusura di cassa di oggi' }).waitFor()
    expect(await page.getByTestId('cash-confirm').isDisabled()).toBe(true)
    expect(await page.getByTestId('cash-why').innerText()).toBe('Indicare i contanti contati nel cassetto (0,00 se non ce ne sono).')
    await expectAccessible('dialog-till-close')
    await dialog.getByLabel('Contanti contati (€)').fill(formatAmountInput(cash.amountCents - 100))
    expect(plain(await page.getByTestId('cash-expected').innerText())).toBe(plain(formatCents(cash.amountCents)))
    expect(plain(await page.getByTestId('cash-difference').innerText())).toBe(plain(formatCents(-100)))
    expect(plain(await page.getByTestId('cash-why').innerText())).toBe(plain(`I contanti contati differiscono da quelli attesi (${formatCents(-100)}): spiegare la differenza nella nota.`))
    expect(await page.getByTestId('cash-confirm').isDisabled()).toBe(true)
    await dialog.getByLabel(/^Nota/).fill('Un euro di resto dato in più')
    expect(await page.getByTestId('cash-confirm').isDisabled()).toBe(false)
    await expectAccessible('dialog-till-close-note')
    await page.getByTestId('cash-confirm').click()
    await expect.poll(() => page.getByTestId('cash-message').isVisible(), { timeout: 15_000 }).toBe(true)
    expect(plain(await page.getByTestId('cash-message').innerText())).toBe(plain(`Cassa chiusa con una differenza sui contanti di ${formatCents(-100)}, con la nota.`))
    expect(await page.getByTestId('cash-close').isDisabled()).toBe(true)
    expect(await page.locator('#cash-close-why').innerText()).toBe('La cassa di oggi è già chiusa: i pagamenti registrati da ora vanno nella prossima chiusura.')
    expect(plain(await page.getByTestId('cash-total').innerText())).toBe('Totale: nessun pagamento')
    const closings = page.getByTestId('cash-closings')
    expect(plain(await closings.locator('tbody tr').first().innerText())).toContain(plain(formatCents(-100)))
    await expectAccessible('till-closed')

    // The report, both ways.
    const [csvFile] = await Promise.all([page.waitForEvent('download'), closings.getByRole('button', { name: /^Rapporto CSV della chiusura di cassa/ }).first().click()])
    expect(csvFile.suggestedFilename()).toMatch(new RegExp(`^chiusura-cassa-${romeDay()}-\\d+\\.csv$`))
    const csv = readFileSync((await csvFile.path())!, 'utf8')
    for (const due of all) expect(csv).toContain(`="${due.noticeNumber}"`)
    expect(csv).toContain('Differenza;;-1,00')
    expect(csv).toContain('Nota;Un euro di resto dato in più')
    expect(csv).toContain('Per mezzo di pagamento · POS non collegato;1;')
    const [pdfFile] = await Promise.all([page.waitForEvent('download'), closings.getByRole('button', { name: /^Rapporto PDF della chiusura di cassa/ }).first().click()])
    const pdf = plain(execFileSync('pdftotext', ['-layout', (await pdfFile.path())!, '-']).toString('utf8'))
    expect(pdf).toContain('Chiusura di cassa')
    expect(pdf).toContain('Nota: Un euro di resto dato in più')
    expect(pdf).toContain('Quadratura corretta: 1 pagamenti approvati')
    expect(pdf).toContain(formatNoticeNumber(offline.noticeNumber))

    // A closed day: a payment dated yesterday is refused; one dated today goes to the next closing.
    const late = await pickDue()
    await openDue(late.iupd)
    await page.getByTestId('action-pay').click()
    await page.getByLabel('Data del pagamento').fill(romeDay(-1))
    // Refused before the click, with the services' own sentence; and by the services if asked anyway.
    await expect.poll(() => page.getByTestId('pay-date-why').innerText()).toMatch(/^La cassa del \d{2}\/\d{2}\/\d{4} è chiusa: non si può registrare un pagamento con data /)
    expect(await page.getByRole('dialog').getByRole('button', { name: 'Registra pagamento' }).isDisabled()).toBe(true)
    const refused = await rpc('dues.registerPayment', { nav: late.noticeNumber, paidOn: romeDay(-1), channel: 'contanti' })
    expect(refused.ok).toBe(false)
    expect(refused.error?.message).toMatch(/^La cassa del \d{2}\/\d{2}\/\d{4} è chiusa/)
    await page.getByLabel('Data del pagamento').fill(romeDay())
    await page.getByRole('dialog').getByRole('button', { name: 'Registra pagamento' }).click()
    await expect.poll(() => page.locator('.due-head').innerText()).toContain('Pagato')
    await openTill()
    expect(plain(await page.getByTestId('cash-total').innerText())).toBe(plain(`Totale: 1 pagamento per ${formatCents(late.amountCents)}`))
    expect(await page.getByTestId('cash-closed-today').innerText()).toContain('I pagamenti registrati da ora vanno nella prossima chiusura.')
  }, 180_000)
})
