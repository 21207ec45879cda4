// The desk's day, in a real Chromium through the browser host, against the GPD simulator running
// as another process: sign in, find, change, delete, cancel, take cash, create dues, and be
// refused what the role does not allow. Every screen is checked with axe-core (WCAG 2.1 AA).
import { spawn, type ChildProcess } from 'node:child_process'
import Database from 'better-sqlite3'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DueSummary, SearchDuesResult } from '../../src-main/contract/dues'
import { formatCents } from '../../src-main/contract/format'
import { buildQrPayload } from '../../src-main/core/pagopa/qr-code'
import { serveTerminalOnTcp } from '../../src-main/core/pos/serve-simulator'
import { seriousViolations } from '../helpers/axe'
import { launchChromium, screenshotPath } from '../helpers/browser'
import { CLI, ROOT, tempDir } from '../helpers/paths'
import { runCli, serve, simulateBackend, type Served } from '../helpers/processes'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { simpleParser, type ParsedMail } from 'mailparser'
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

const EC = '00723456018'
const PASSWORD = 'password-di-prova-123'
const simData = tempDir()
const data = tempDir()
let sim: ChildProcess
let simUrl: string
let served: Served
/** The desk's own terminal: a live desk has no virtual one, so the simulator answers on TCP. */
let deskTerminal: Awaited<ReturnType<typeof serveTerminalOnTcp>>
let browser: Browser
let page: Page
const mails: ParsedMail[] = []
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  onData(stream, _session, callback) {
    simpleParser(stream).then((m) => {
      mails.push(m)
      callback()
    }, callback)
  }
})

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

async function onBackend(iupd: string): Promise<{ status: number; body: { status?: string; paymentOption?: { amount: number; status: string; nav: string }[] } }> {
  const res = await fetch(`${simUrl}/gpd/debt-positions-service/v1/organizations/${EC}/debtpositions/${encodeURIComponent(iupd)}`)
  return { status: res.status, body: (await res.json()) as never }
}

/** A due to act on: valid, single payment, not touched by an earlier test. */
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

beforeAll(async () => {
  ;({ url: simUrl, child: sim } = await simulateBackend(['--data', simData.dir, '--seed', '600']))
  expect((await runCli(['config', '--data', data.dir, '--demo', '--desk', '3'])).code).toBe(0)
  deskTerminal = await serveTerminalOnTcp({ terminalId: '12345678' })
  const posFile = join(data.dir, 'pos.json')
  writeFileSync(posFile, JSON.stringify({ mode: 'tcp', host: '127.0.0.1', port: Number(deskTerminal.address), terminalId: '12345678' }))
  expect((await runCli(['config', '--data', data.dir, '--pos', posFile])).code).toBe(0)
  expect(await runWithStdin(['operators', 'add', '--data', data.dir, '--username', 'mario.rossi', '--name', 'Mario Rossi', '--role', 'amministratore'], PASSWORD)).toBe(0)
  expect(await runWithStdin(['operators', 'add', '--data', data.dir, '--username', 'lucia.bianchi', '--name', 'Lucia Bianchi', '--role', 'consultazione'], PASSWORD)).toBe(0)
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve))
  served = await serve(['--data', data.dir, '--backend', simUrl])
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'it-IT' })
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await served?.stop()
  await deskTerminal?.close()
  sim?.kill('SIGTERM')
  await new Promise<void>((resolve) => smtp.close(() => resolve()))
  data.cleanup()
  simData.cleanup()
})

async function login(username: string): Promise<void> {
  await page.goto(served.url)
  await page.getByLabel('Nome utente').fill(username)
  await page.getByLabel('Password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Accedi' }).click()
  await page.getByRole('searchbox').waitFor()
}

describe('the desk, end to end', () => {
  it('asks who is at the desk, refuses a wrong password, and syncs the backend once signed in', async () => {
    await page.goto(served.url)
    await page.getByRole('heading', { name: 'Accesso' }).waitFor()
    await expectAccessible('login')
    await page.getByLabel('Nome utente').fill('mario.rossi')
    await page.getByLabel('Password').fill('sbagliata')
    await page.getByRole('button', { name: 'Accedi' }).click()
    await expect.poll(() => page.getByRole('alert').innerText()).toBe('Nome utente o password non corretti.')
    await login('mario.rossi')
    await expect.poll(() => page.locator('[data-testid=result-summary]').innerText(), { timeout: 60_000 }).toMatch(/^600 dovuti trovati/)
    await expect.poll(() => page.locator('header').innerText()).toContain('Mario Rossi')
    await page.getByRole('button', { name: 'Mostra filtri' }).click()
    await expectAccessible('search-filters')
  }, 90_000)

  it('opens the due straight away from a scanned QR code', async () => {
    const due = await pickDue()
    const box = page.getByRole('searchbox')
    await box.fill(buildQrPayload({ nav: due.noticeNumber, enteFiscalCode: EC, amountCents: due.amountCents }))
    await box.press('Enter')
    await expect.poll(() => page.getByTestId('due-iupd').innerText()).toBe(due.iupd)
    await expectAccessible('due-page')
    // The pagoPA words are explained on keyboard focus, and Esc puts the explanation away.
    const iupd = page.locator('[data-jargon=iupd]')
    await iupd.focus()
    const tip = page.locator(`#${await iupd.getAttribute('aria-describedby')}`)
    await expect.poll(() => tip.isVisible()).toBe(true)
    expect(await tip.getAttribute('role')).toBe('tooltip')
    expect(await tip.innerText()).toMatch(/^IUPD \(Identificativo Univoco Posizione Debitoria\)/)
    await expectAccessible('due-page-jargon')
    await page.keyboard.press('Escape')
    await expect.poll(() => tip.isVisible()).toBe(false)
  })

  it('changes an amount, and the change reaches the backend', async () => {
    const due = await pickDue()
    await openDue(due.iupd)
    await page.getByTestId('action-edit').click()
    await page.getByLabel('Nuovo importo (€)').fill('12,34')
    await page.getByLabel('Motivo').fill('ricalcolo su richiesta del cittadino')
    await expectAccessible('dialog-edit')
    await page.getByRole('button', { name: 'Salva', exact: true }).click()
    await expect.poll(() => page.getByTestId('due-amount').innerText()).toBe('12,34\u00a0€')
    await expect.poll(async () => (await onBackend(due.iupd)).body.paymentOption?.[0]?.amount, { timeout: 15_000 }).toBe(1234)
    await expect.poll(() => page.getByTestId('due-sync-state').innerText(), { timeout: 15_000 }).toBe('Allineato con pagoPA')
    await expect.poll(() => page.getByTestId('history').innerText()).toContain('ricalcolo su richiesta del cittadino')
    await page.screenshot({ path: screenshotPath('due-amount-changed'), fullPage: true })
  })

  it('deletes a due after confirmation, here and on the backend', async () => {
    const due = await pickDue()
    await openDue(due.iupd)
    await page.getByTestId('action-delete').click()
    // The due is named as the operator knows it, not by its IUPD.
    const asked = await page.getByRole('dialog').innerText()
    expect(asked).toContain(`Il dovuto «${due.causale}» di ${due.debtorName}, di ${formatCents(due.amountCents)}, sarà eliminato`)
    expect(asked).not.toContain(due.iupd)
    await page.getByLabel('Motivo').fill('emesso per errore')
    await expectAccessible('dialog-delete')
    await page.getByRole('dialog').getByRole('button', { name: 'Elimina' }).click()
    await page.getByRole('searchbox').waitFor()
    await expect.poll(async () => (await onBackend(due.iupd)).status, { timeout: 15_000 }).toBe(404)
    expect((await rpc<SearchDuesResult>('dues.search', { text: due.iupd })).value.total).toBe(0)
  })

  it('cancels (invalidates) a due, which stays in the history', async () => {
    const due = await pickDue()
    await openDue(due.iupd)
    await page.getByTestId('action-invalidate').click()
    await page.getByLabel('Motivo').fill('sgravio')
    // Going back reads "Chiudi": no "Annulla" beside "Annulla dovuto".
    expect(await page.getByRole('dialog').getByRole('button').allInnerTexts()).toEqual(['Chiudi', 'Annulla dovuto'])
    expect(await page.getByRole('dialog').innerText()).toContain(`«${due.causale}» di ${due.debtorName}`)
    await expectAccessible('dialog-invalidate')
    await page.getByRole('dialog').getByRole('button', { name: 'Annulla dovuto' }).click()
    await expect.poll(() => page.locator('.due-head').innerText()).toContain('Annullato')
    await expect.poll(async () => (await onBackend(due.iupd)).body.status, { timeout: 15_000 }).toBe('INVALID')
    // Annulled: nothing more can be done with it, and the page says why.
    await expect.poll(() => page.getByTestId('action-edit').isDisabled()).toBe(true)
    expect(await page.locator('#why-edit').innerText()).toMatch(/annullato/)
    await page.screenshot({ path: screenshotPath('due-cancelled'), fullPage: true })
  })

  it('registers a cash payment, reported to the backend as paid', async () => {
    const due = await pickDue()
    await openDue(due.iupd)
    await page.getByTestId('action-pay').click()
    await page.getByLabel('Mezzo di pagamento').selectOption('contanti')
    await page.getByLabel('Riferimento (es. numero assegno o ricevuta)').fill('RIC-2026-0042')
    await expectAccessible('dialog-payment')
    await page.getByRole('dialog').getByRole('button', { name: 'Registra pagamento' }).click()
    await expect.poll(() => page.locator('.due-head').innerText()).toContain('Pagato')
    await expect.poll(async () => (await onBackend(due.iupd)).body.status, { timeout: 15_000 }).toBe('PAID')
    expect((await onBackend(due.iupd)).body.paymentOption?.[0]?.status).toBe('PO_PAID')
    await expect.poll(() => page.locator('body').innerText()).toContain('RIC-2026-0042')
  })

  it('takes a payment through the desk’s POS terminal, with its progress, recorded once and reported as paid', async () => {
    const due = await pickDue()
    await openDue(due.iupd)
    await page.getByTestId('action-pos').click()
    const dialog = page.getByRole('dialog')
    await expect.poll(() => dialog.getByLabel('Avviso da pagare *').inputValue()).toBe(due.noticeNumber)
    expect(await page.getByTestId('pos-amount').innerText()).toBe(formatCents(due.amountCents))
    await dialog.getByRole('button', { name: 'Invia al POS' }).click()
    // While it runs, the dialog says how to cancel: on the terminal.
    await expect.poll(() => page.getByTestId('pos-cancel-hint').innerText()).toContain('tasto rosso (Annulla) sul POS')
    // The terminal's own messages appear while it works, then the outcome.
    await expect.poll(() => page.getByTestId('pos-steps').innerText(), { timeout: 10_000 }).toContain('DIGITARE PIN')
    await expect.poll(() => page.getByTestId('pos-outcome').innerText(), { timeout: 15_000 }).toMatch(/^Pagamento approvato, STAN \d{6}/)
    await expectAccessible('dialog-pos')
    // The STAN is shown with what it is: on focus, and Esc hides the explanation, not the dialog.
    const stan = dialog.getByTestId('pos-stan')
    expect(await stan.innerText()).toBe(`STAN: ${/STAN (\d{6})/.exec(await page.getByTestId('pos-outcome').innerText())![1]}`)
    await stan.locator('[data-jargon=stan]').focus()
    const stanTip = dialog.getByRole('tooltip')
    await expect.poll(() => stanTip.isVisible()).toBe(true)
    expect(await stanTip.innerText()).toMatch(/^STAN: il numero progressivo/)
    await expectAccessible('dialog-pos-stan')
    await page.keyboard.press('Escape')
    await expect.poll(() => stanTip.isVisible()).toBe(false)
    expect(await dialog.isVisible()).toBe(true)
    expect(await dialog.getByRole('button', { name: 'Invia al POS' }).count()).toBe(0)
    await dialog.getByRole('button', { name: 'Chiudi' }).click()
    await expect.poll(() => page.locator('.due-head').innerText()).toContain('Pagato')
    expect(await page.getByTestId('action-pos').isDisabled()).toBe(true)
    await expect.poll(async () => (await onBackend(due.iupd)).body.status, { timeout: 15_000 }).toBe('PAID')
    // Asking again is refused by the services too: a due is never charged twice.
    const again = await rpc('pos.pay', { nav: due.noticeNumber })
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    const detail = await rpc<{ deskPayments: { channel: string; amountCents: number }[] }>('dues.get', { iupd: due.iupd })
    expect(detail.value.deskPayments).toEqual([expect.objectContaining({ channel: 'pos-integrato', amountCents: due.amountCents })])
    // Once GPD has it, the due's page still says how it was paid, not GPD's placeholders.
    await openDue(due.iupd)
    const paidOption = await page.locator('table', { has: page.getByRole('columnheader', { name: 'Conti di accredito' }) }).innerText()
    expect(paidOption).toContain('POS sportello')
    expect(paidOption).not.toContain('NA (OTHER)')
  })

  it('creates a due for a citizen already known: the surname fills every field', async () => {
    // Civilia's words: "Cerca", then "Inserisci dovuto" › "Nuovo dovuto singolo".
    await page.getByRole('navigation', { name: 'Menu principale' }).getByRole('link', { name: 'Cerca', exact: true }).click()
    await page.getByRole('searchbox').waitFor()
    const insert = page.getByRole('button', { name: 'Inserisci dovuto' })
    await insert.click()
    expect(await insert.getAttribute('aria-expanded')).toBe('true')
    await expectAccessible('new-due-menu')
    await page.getByRole('link', { name: 'Nuovo dovuto singolo' }).click()
    await page.getByRole('heading', { name: 'Nuovo dovuto singolo' }).waitFor()
    expect(await insert.getAttribute('aria-expanded')).toBe('false')
    await page.getByLabel('Tipo di dovuto').selectOption('SEGR')
    await expectAccessible('wizard-1')
    await page.getByRole('button', { name: 'Avanti' }).click()
    await page.getByTestId('generated-codes').locator('li').first().waitFor()
    const shownNav = (await page.getByTestId('generated-codes').innerText()).match(/3\d{3} \d{4} \d{4} \d{4} \d{2}/)![0]
    await page.getByLabel('Importo (€)').fill('16,00')
    // The template's placeholder is a required field: no causale goes out with "{numero}" in it.
    await page.getByRole('button', { name: 'Avanti' }).click()
    expect(await page.getByLabel('Numero *').evaluate((el) => (el as HTMLInputElement).validity.valueMissing)).toBe(true)
    expect(await page.getByRole('heading', { name: /^Passo 2 di 4/ }).count()).toBe(1)
    expect(await page.getByTestId('w-causale').inputValue()).toBe('Diritti di segreteria pratica n. [numero]')
    await page.getByLabel('Numero *').fill('2026/118')
    expect(await page.getByTestId('w-causale').inputValue()).toBe('Diritti di segreteria pratica n. 2026/118')
    await expectAccessible('wizard-2')
    await page.getByRole('button', { name: 'Avanti' }).click()
    await page.getByLabel('Cerca tra i cittadini già noti').fill('ross')
    const first = page.locator('.match').first()
    await first.waitFor()
    const chosen = (await first.innerText()).split(' · ')
    await first.click()
    await expect.poll(() => page.getByLabel('Codice fiscale / partita IVA *').inputValue()).toBe(chosen[1]!.trim())
    await expectAccessible('wizard-3')
    await page.getByRole('button', { name: 'Avanti' }).click()
    await expectAccessible('wizard-4')
    await page.getByRole('button', { name: 'Salva il dovuto' }).click()
    await page.getByTestId('due-iupd').waitFor()
    const iupd = await page.getByTestId('due-iupd').innerText()
    expect(await page.locator('#due-title').innerText()).toBe('Diritti di segreteria pratica n. 2026/118')
    // The notice number shown before saving is the one the due got.
    expect(await page.getByTestId('option-nav').first().innerText()).toBe(shownNav)
    await expect.poll(async () => (await onBackend(iupd)).status, { timeout: 15_000 }).toBe(200)
    await page.screenshot({ path: screenshotPath('wizard-saved'), fullPage: true })
  })

  it('creates a due for a new citizen typed by hand, refusing a wrong fiscal code and saving nothing', async () => {
    const before = (await rpc<SearchDuesResult>('dues.search', {})).value.total
    await page.goto(`${served.origin}/#/nuovo`)
    await page.getByLabel('Tipo di dovuto').selectOption('CIE')
    await page.getByRole('button', { name: 'Avanti' }).click()
    await page.getByTestId('generated-codes').locator('li').first().waitFor()
    await page.getByRole('button', { name: 'Avanti' }).click()
    await page.getByLabel('Codice fiscale / partita IVA *').fill('VRDGPP80A01H501X')
    await page.getByLabel('Cognome e nome / ragione sociale *').fill('VERDI GIUSEPPE')
    await page.getByLabel('E-mail').fill('giuseppe.verdi@example.it')
    await page.getByRole('button', { name: 'Avanti' }).click()
    await page.getByRole('button', { name: 'Salva il dovuto' }).click()
    await expect.poll(() => page.getByTestId('wizard-error').innerText()).toMatch(/carattere di controllo dovrebbe essere U, non X/)
    await page.screenshot({ path: screenshotPath('wizard-invalid-cf'), fullPage: true })
    expect((await rpc<SearchDuesResult>('dues.search', {})).value.total).toBe(before)

    await page.getByRole('button', { name: 'Indietro' }).click()
    await page.getByLabel('Codice fiscale / partita IVA *').fill('VRDGPP80A01H501U')
    await page.getByRole('button', { name: 'Avanti' }).click()
    await page.getByRole('button', { name: 'Salva il dovuto' }).click()
    await page.getByTestId('due-iupd').waitFor()
    expect((await rpc<SearchDuesResult>('dues.search', {})).value.total).toBe(before + 1)
    expect(await page.locator('body').innerText()).toContain('giuseppe.verdi@example.it')
  })

  it('prints, saves and e-mails a notice from the due’s page, and prints a selection from the search', async () => {
    // Impostazioni: the desk's printer (a real CUPS queue writing PDF files) and the mail server.
    await page.goto(`${served.origin}/#/impostazioni`)
    await page.getByRole('tab', { name: 'Stampa' }).click()
    await page.getByTestId('printers').getByRole('row', { name: /SportelloPDF/ }).getByRole('button', { name: 'Usa questa stampante' }).click()
    await expect.poll(() => page.getByRole('status').first().innerText()).toContain('Stampante scelta: SportelloPDF')
    await expectAccessible('settings-printing')
    await page.getByRole('tab', { name: 'E-mail' }).click()
    await page.getByLabel('Server SMTP *').fill('127.0.0.1')
    await page.getByLabel('Porta *').fill(String((smtp.server.address() as AddressInfo).port))
    await page.getByLabel('Sicurezza').selectOption('none')
    await page.getByLabel('Mittente (e-mail) *').fill('tributi@comune.valdoria.it')
    await page.getByLabel('Mittente (nome) *').fill('Comune di Valdoria')
    await page.locator('#panel-mail').getByRole('button', { name: 'Salva', exact: true }).click()
    await expect.poll(() => page.getByRole('status').first().innerText()).toContain('Impostazioni della posta salvate')
    await expectAccessible('settings-mail')

    const due = await pickDue()
    await openDue(due.iupd)
    await page.getByTestId('action-preview').click()
    await expect.poll(() => page.getByTestId('notice-preview').getAttribute('src')).toMatch(/^blob:/)
    await expectAccessible('notice-preview')
    await page.getByRole('dialog').getByRole('button', { name: 'Chiudi' }).click()
    const since = Date.now() - 1000
    await page.getByTestId('action-print').click()
    await expect.poll(() => page.getByRole('status').first().innerText()).toBe('Avviso inviato alla stampante SportelloPDF.')
    const out = join(homedir(), 'PDF')
    await expect.poll(() => (existsSync(out) ? readdirSync(out).filter((f) => statSync(join(out, f)).mtimeMs >= since).length : 0), { timeout: 15_000 }).toBeGreaterThan(0)

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('action-pdf').click()])
    expect(download.suggestedFilename()).toBe(`avviso-${due.noticeNumber}.pdf`)
    expect(readFileSync((await download.path())!).subarray(0, 5).toString()).toBe('%PDF-')

    await page.getByTestId('action-email').click()
    await page.getByLabel('Destinatario (e-mail)').fill('cittadino@example.it')
    await expectAccessible('dialog-email')
    await page.getByRole('dialog').getByRole('button', { name: 'Invia' }).click()
    await expect.poll(() => page.getByRole('status').first().innerText()).toBe('Avviso inviato a cittadino@example.it.')
    await expect.poll(() => mails.length).toBe(1)
    expect(mails[0]!.attachments[0]!.filename).toBe(`avviso-${due.noticeNumber}.pdf`)
    await expect.poll(() => page.getByTestId('history').innerText()).toContain('Avviso inviato per e-mail')

    await page.goto(`${served.origin}/#/`)
    await page.getByRole('searchbox').fill('')
    await page.getByRole('searchbox').press('Enter')
    await page.locator('[data-testid=results] tbody tr').first().waitFor()
    const rows = page.locator('[data-testid=results] tbody tr')
    let selected = 0
    for (let i = 0; selected < 2; i++) {
      if (/Da pagare/.test(await rows.nth(i).innerText())) {
        await rows.nth(i).getByRole('checkbox').check()
        selected += 1
      }
    }
    await page.getByTestId('print-selected').click()
    await expect.poll(() => page.getByTestId('search-notice').innerText(), { timeout: 20_000 }).toBe('Stampati 2 avvisi.')
  })

  it('prints the citizen’s POS receipt, closes the day on the till page with its report, and sets up a network terminal', async () => {
    // The printer chosen in the previous test: the receipt goes through the same CUPS queue.
    const due = await pickDue()
    await openDue(due.iupd)
    await page.getByTestId('action-pos').click()
    const dialog = page.getByRole('dialog')
    await dialog.getByRole('button', { name: 'Invia al POS' }).click()
    await expect.poll(() => page.getByTestId('pos-outcome').innerText(), { timeout: 15_000 }).toMatch(/^Pagamento approvato/)
    expect(await page.getByTestId('pos-outcome').innerText()).toMatch(/STAN \d{6}/)
    const out = join(homedir(), 'PDF')
    const since = Date.now() - 1000
    await dialog.getByRole('button', { name: 'Stampa ricevuta' }).click()
    await expect.poll(() => dialog.getByRole('status').innerText()).toBe('Ricevuta inviata alla stampante SportelloPDF.')
    await expect.poll(() => (existsSync(out) ? readdirSync(out).filter((f) => statSync(join(out, f)).mtimeMs >= since).length : 0), { timeout: 15_000 }).toBeGreaterThan(0)
    const [receipt] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Ricevuta per il cittadino (PDF)' }).click()])
    // The payment's numbered receipt; printed once already, so the PDF is a copy.
    expect(receipt.suggestedFilename()).toMatch(/^ricevuta-\d{4}-sportello-\d+-n\d+-copia\.pdf$/)
    await dialog.getByRole('button', { name: 'Chiudi' }).click()

    // Alt+4: the till, with this payment and the earlier one, then the POS's own closing.
    await page.keyboard.press('Alt+4')
    await page.getByRole('heading', { name: 'Cassa', exact: true }).waitFor()
    await expect.poll(() => page.getByTestId('till-entries').innerText()).toContain(due.noticeNumber.replace(/(\d{4})(?=\d)/g, '$1 '))
    expect(await page.getByTestId('till-total').innerText()).toMatch(/^Approvati: 2 per/)
    await expectAccessible('till')
    await page.getByRole('button', { name: 'Chiusura del POS' }).click()
    await expectAccessible('dialog-close-day')
    await page.getByRole('dialog').getByRole('button', { name: 'Chiudi la sessione del POS' }).click()
    await expect.poll(() => page.getByTestId('till-message').innerText(), { timeout: 15_000 }).toMatch(/^POS chiuso: 2 pagamenti per .*, uguali ai totali del POS\.$/)
    await expect.poll(() => page.locator('body').innerText()).toContain('Nessuna operazione del POS dall’ultima chiusura del POS.')
    expect(await page.getByTestId('till-closures').locator('tbody tr').first().innerText()).toContain('Corretta')
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('till-closures').getByRole('button', { name: /^Rapporto CSV/ }).first().click()])
    expect(readFileSync((await csv.path())!, 'utf8')).toContain(`="${due.noticeNumber}"`)

    // A terminal on the network: "Prova connessione" finds its LRC check, then it takes the payments.
    const terminal = await serveTerminalOnTcp({ terminalId: '87654321', scope: 'payload', stepMs: 20 })
    try {
      await page.goto(`${served.origin}/#/impostazioni`)
      await page.getByRole('tab', { name: 'POS' }).click()
      const panel = page.locator('#panel-pos')
      await panel.getByText('Rete (LAN)').click()
      await panel.getByLabel('Indirizzo del POS').fill('127.0.0.1')
      await panel.getByLabel('Porta TCP').fill(terminal.address)
      await panel.getByLabel('Codice terminale (8 cifre)').fill('87654321')
      await panel.getByRole('button', { name: 'Prova connessione' }).click()
      await expect.poll(() => page.getByTestId('pos-test').innerText(), { timeout: 20_000 }).toContain('POS raggiungibile')
      expect(await page.getByTestId('pos-scope').innerText()).toBe('payload')
      await expectAccessible('settings-pos')
      await panel.getByRole('button', { name: 'Salva', exact: true }).click()
      await expect.poll(() => page.getByRole('status').first().innerText()).toContain('Terminale POS salvato: 127.0.0.1:')
      const next = await pickDue()
      await openDue(next.iupd)
      await page.getByTestId('action-pos').click()
      await page.getByRole('dialog').getByRole('button', { name: 'Invia al POS' }).click()
      await expect.poll(() => page.getByTestId('pos-outcome').innerText(), { timeout: 15_000 }).toMatch(/^Pagamento approvato/)
      expect(terminal.simulator.charges).toEqual([expect.objectContaining({ amountCents: next.amountCents })])
      await page.getByRole('dialog').getByRole('button', { name: 'Chiudi' }).click()
      // Back to the desk's own terminal for what follows.
      await page.goto(`${served.origin}/#/impostazioni`)
      await page.getByRole('tab', { name: 'POS' }).click()
      await panel.getByLabel('Porta TCP').fill(deskTerminal.address)
      await panel.getByLabel('Codice terminale (8 cifre)').fill('12345678')
      await panel.getByRole('button', { name: 'Prova connessione' }).click()
      await expect.poll(() => page.getByTestId('pos-test').innerText(), { timeout: 20_000 }).toContain('terminale 12345678')
      await panel.getByRole('button', { name: 'Salva', exact: true }).click()
      await expect.poll(() => page.getByRole('status').first().innerText()).toContain(`Terminale POS salvato: 127.0.0.1:${deskTerminal.address}`)
    } finally {
      await terminal.close()
    }
  })

  it('exports one citizen’s data from Impostazioni › Privacy, and erases them after confirmation', async () => {
    const paid = (await rpc<SearchDuesResult>('dues.search', { statuses: ['PAID'], pageSize: 50 })).value.rows.find((r) => !used.has(r.iupd))!
    used.add(paid.iupd)
    await page.goto(`${served.origin}/#/impostazioni`)
    await page.getByRole('tab', { name: 'Privacy' }).click()
    const panel = page.locator('#panel-privacy')
    await panel.getByLabel('Codice fiscale del cittadino').fill(paid.debtorFiscalCode)
    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Esporta i suoi dati (JSON)' }).click()])
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { fiscalCode: string; dues: { iupd: string }[] }
    expect(exported.fiscalCode).toBe(paid.debtorFiscalCode)
    expect(exported.dues.map((d) => d.iupd)).toContain(paid.iupd)
    await expectAccessible('settings-privacy')
    await panel.getByRole('button', { name: 'Cancella i suoi dati dalla cache' }).click()
    await expectAccessible('dialog-privacy-erase')
    await page.getByRole('dialog').getByRole('button', { name: 'Cancella', exact: true }).click()
    await expect.poll(() => page.getByRole('status').first().innerText()).toMatch(/^Dati cancellati: \d+ dovuti chiusi rimossi/)
    expect((await rpc<SearchDuesResult>('dues.search', { text: paid.iupd })).value.total).toBe(0)
  })

  it('shows the guide (Alt+5) and the information support asks for (Alt+6)', async () => {
    await page.goto(`${served.origin}/#/`)
    await page.getByRole('searchbox').waitFor()
    await page.keyboard.press('Alt+5')
    await page.getByRole('heading', { name: 'Guida allo sportello' }).waitFor()
    expect(await page.getByRole('heading', { level: 2 }).allInnerTexts()).toEqual(expect.arrayContaining(['Trovare un dovuto', 'Registrare un pagamento allo sportello', 'Fine giornata', 'Tasti rapidi']))
    await expectAccessible('help')
    await page.keyboard.press('Alt+6')
    await page.getByRole('heading', { name: 'Informazioni' }).waitFor()
    const about = await page.getByTestId('about').innerText()
    expect(about).toContain(data.dir)
    expect(about).toMatch(/Node \d+\.\d+/)
    expect(about).toMatch(/Registro di audit\s+integro \(\d+ voci\)/)
    await expectAccessible('about')
  })

  it('settles a POS payment whose outcome is uncertain from the due’s page, never by charging again', async () => {
    const due = await pickDue()
    // What recovery leaves when the terminal cannot tell (see pos-payments.test.ts): an uncertain
    // entry in the desk's journal, written into the cache the served app uses.
    const cache = new Database(join(data.dir, 'sportello.db'))
    cache.pragma('busy_timeout = 5000')
    cache
      .prepare("INSERT INTO pos_journal (id, iupd, nav, amount_cents, terminal_id, state, operator, updated_at, message) VALUES ('7d3f0a52-1c4b-4e8e-9a61-2b5c7d8e9f01', ?, ?, ?, '12345678', 'uncertain', 'Mario Rossi', ?, ?)")
      .run(due.iupd, due.noticeNumber, due.amountCents, new Date().toISOString(), 'Esito incerto: il POS non ha comunicato l’ultimo risultato. Controllare lo scontrino o il giornale del POS.')
    cache.close()
    await openDue(due.iupd)
    const panel = page.getByTestId('pos-open')
    await expect.poll(() => panel.innerText()).toContain('Pagamento POS con esito incerto')
    expect(await page.getByTestId('action-pos').isDisabled()).toBe(true)
    await expectAccessible('due-pos-uncertain')
    await panel.getByLabel('Da dove risulta l’esito').fill('giornale del POS: nessuna operazione alle 10:42')
    await panel.getByRole('button', { name: 'Il POS non ha addebitato' }).click()
    await expect.poll(() => page.getByTestId('pos-open').count()).toBe(0)
    await expect.poll(() => page.getByTestId('action-pos').isDisabled()).toBe(false)
    expect(await page.locator('.due-head').innerText()).toContain('Da pagare')
    await expect.poll(() => page.getByTestId('history').innerText()).toContain('Pagamento POS non eseguito: giornale del POS: nessuna operazione alle 10:42')
  })

  it('every settings tab, and the serial terminal form, pass the accessibility check', async () => {
    await page.goto(`${served.origin}/#/impostazioni`)
    for (const [tab, shot] of [['Ente', 'settings-ente'], ['Tipi di dovuto', 'settings-types'], ['Operatori', 'settings-operators'], ['Ruoli', 'settings-roles'], ['Anagrafica cittadini', 'settings-registry']] as const) {
      await page.getByRole('tab', { name: tab, exact: true }).click()
      await expect.poll(() => page.getByRole('tab', { name: tab, exact: true }).getAttribute('aria-selected')).toBe('true')
      await expectAccessible(shot)
    }
    // Impostazioni › Sportello: this desk issued notice numbers as 3, so a change asks first.
    expect((await rpc('dues.prepare', { installments: 0 })).ok).toBe(true)
    await page.getByRole('tab', { name: 'Sportello', exact: true }).click()
    const deskPanel = page.locator('#panel-desk')
    await expect.poll(() => deskPanel.getByLabel('Numero dello sportello *').inputValue()).toBe('3')
    await expectAccessible('settings-desk')
    await deskPanel.getByLabel('Numero dello sportello *').fill('4')
    await deskPanel.getByTestId('desk-save').click()
    await page.getByTestId('desk-confirm').waitFor()
    await expectAccessible('dialog-desk-confirm')
    await page.getByTestId('desk-confirm').click()
    await expect.poll(() => page.getByTestId('header-desk').innerText()).toBe('Sportello 4')
    // The real backend's settings: a connection test against the simulator this desk uses.
    await page.getByRole('tab', { name: 'Backend pagoPA' }).click()
    const backend = page.locator('#panel-backend')
    await backend.getByText('Backend pagoPA reale').click()
    await backend.getByLabel('Indirizzo del backend').fill(simUrl)
    await backend.getByRole('button', { name: 'Prova collegamento' }).click()
    await expect.poll(() => page.getByTestId('backend-test').innerText(), { timeout: 15_000 }).toMatch(/^Backend raggiungibile: 127\.0\.0\.1:\d+ risponde per l’ente 00723456018/)
    await expectAccessible('settings-backend')
    await page.getByRole('tab', { name: 'POS' }).click()
    const panel = page.locator('#panel-pos')
    await panel.getByText('Porta seriale o USB').click()
    await panel.getByLabel('Porta', { exact: false }).first().waitFor()
    expect(await panel.getByLabel('Velocità (baud)').inputValue()).toBe('9600')
    await expectAccessible('settings-pos-serial')
  })

  it('refuses what the role does not allow, on the page and in the services', async () => {
    await page.getByRole('button', { name: 'Esci' }).click()
    await login('lucia.bianchi')
    const due = await pickDue()
    await openDue(due.iupd)
    expect(await page.getByTestId('action-edit').isDisabled()).toBe(true)
    expect(await page.locator('#why-edit').innerText()).toBe('Il ruolo consultazione non consente di modificare importi e scadenze.')
    expect(await page.getByTestId('action-delete').isDisabled()).toBe(true)
    expect(await page.getByRole('button', { name: 'Inserisci dovuto' }).count()).toBe(0)
    expect(await page.getByRole('link', { name: 'Nuovo dovuto singolo' }).count()).toBe(0)
    await page.screenshot({ path: screenshotPath('role-refused'), fullPage: true })
    const refused = await rpc('dues.update', { iupd: due.iupd, amount: 100, reason: 'prova' })
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: 'Il ruolo consultazione non consente di modificare importi e scadenze.' } })
    await page.goto(`${served.origin}/#/impostazioni`)
    await page.getByRole('heading', { name: 'Impostazioni' }).waitFor()
    await expectAccessible('settings')
  })
})
