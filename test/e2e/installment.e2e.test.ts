// The citizen hands over the notice of one installment: whether its number is typed or its QR code
// scanned, the due opens with that installment selected, the POS dialog shows its amount, and GPD
// ends with exactly that installment paid. In a real Chromium on the demo (embedded simulator,
// virtual terminal).
import Database from 'better-sqlite3'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DueDetail } from '../../src-main/contract/desk'
import type { SearchDuesResult } from '../../src-main/contract/dues'
import { formatCents, formatNoticeNumber } from '../../src-main/contract/format'
import { DEMO_ENTE } from '../../src-main/core/demo/ente'
import { buildQrPayload } from '../../src-main/core/pagopa/qr-code'
import { seriousViolations } from '../helpers/axe'
import { launchChromium, screenshotPath } from '../helpers/browser'
import { tempDir } from '../helpers/paths'
import { serve, type Served } from '../helpers/processes'

const data = tempDir()
let served: Served
let browser: Browser
let page: Page

async function rpc<T>(method: string, input: unknown): Promise<T> {
  const res = await fetch(`${served.origin}/rpc/${method}`, { method: 'POST', headers: { Authorization: `Bearer ${served.token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(input) })
  const body = (await res.json()) as { ok: boolean; value: T }
  if (!body.ok) throw new Error(JSON.stringify(body))
  return body.value
}

/** The option statuses GPD holds, read from the embedded simulator's own file. */
function onGpd(iupd: string): Record<string, string> {
  const db = new Database(join(data.dir, 'simulator', 'simulator.db'), { readonly: true, fileMustExist: true })
  try {
    const doc = JSON.parse(db.prepare('SELECT doc FROM sim_positions WHERE iupd = ?').pluck().get(iupd) as string) as { paymentOption: { nav: string; status: string }[] }
    return Object.fromEntries(doc.paymentOption.map((o) => [o.nav, o.status]))
  } finally {
    db.close()
  }
}

beforeAll(async () => {
  served = await serve(['--demo', '--data', data.dir])
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'it-IT' })
  await page.goto(served.url)
  await page.locator('[data-testid=results]').waitFor({ timeout: 60_000 })
}, 120_000)
afterAll(async () => {
  await browser?.close()
  await served?.stop()
  data.cleanup()
})

describe('the installment the citizen holds', () => {
  it('is selected when the due opens from its notice number or its QR code, shown in the POS dialog, and the only one paid', async () => {
    // A due in three installments, nothing paid yet.
    const candidates = await rpc<SearchDuesResult>('dues.search', { statuses: ['VALID'], pageSize: 200 })
    const row = candidates.rows.find((r) => r.installments === 3)!
    expect(row).toBeDefined()
    const due = await rpc<DueDetail>('dues.get', { iupd: row.iupd })
    const [, first, second] = due.options
    expect(second!.installmentNo).toBe(2)
    expect(second!.amountCents).not.toBe(due.amountCents)

    // Typed: the result row says which installment, and opens the due on it.
    const box = page.getByRole('searchbox')
    await box.fill(formatNoticeNumber(first!.nav))
    await box.press('Enter')
    await expect.poll(() => page.getByTestId('matched-installment').innerText()).toBe('Rata 1 di 3')
    await page.locator('[data-testid=results] tbody tr').first().getByRole('link').click()
    await page.getByTestId('held-option').waitFor()
    expect(await page.locator('tr[data-held=true] th').innerText()).toContain('Rata 1 di 3')

    // Scanned: the QR code of installment 2 opens the due with installment 2 selected.
    await page.goto(`${served.origin}/#/`)
    await box.fill(buildQrPayload({ nav: second!.nav, enteFiscalCode: DEMO_ENTE.fiscalCode, amountCents: second!.amountCents }))
    await box.press('Enter')
    await page.getByTestId('held-option').waitFor()
    expect(await page.locator('tr[data-held=true] th').innerText()).toContain('Rata 2 di 3')
    await page.screenshot({ path: screenshotPath('due-held-installment'), fullPage: true })
    expect(await seriousViolations(page)).toEqual([])

    await page.getByTestId('action-pos').click()
    const dialog = page.getByRole('dialog')
    await expect.poll(() => dialog.getByLabel('Avviso da pagare *').inputValue()).toBe(second!.nav)
    expect(await page.getByTestId('pos-amount').innerText()).toBe(formatCents(second!.amountCents))
    await page.screenshot({ path: screenshotPath('dialog-pos-installment'), fullPage: true })
    expect(await seriousViolations(page)).toEqual([])
    await dialog.getByRole('button', { name: 'Invia al POS' }).click()
    await expect.poll(() => page.getByTestId('pos-outcome').innerText(), { timeout: 20_000 }).toMatch(/^Pagamento approvato/)
    await dialog.getByRole('button', { name: 'Chiudi' }).click()

    // GPD: exactly installment 2 paid.
    await expect.poll(() => onGpd(due.iupd)[second!.nav], { timeout: 20_000 }).toBe('PO_PAID')
    const statuses = onGpd(due.iupd)
    expect(Object.entries(statuses).filter(([, s]) => s === 'PO_PAID').map(([nav]) => nav)).toEqual([second!.nav])
    // And the single payment is no longer offered.
    const after = await rpc<DueDetail>('dues.get', { iupd: due.iupd })
    expect(after.payable).not.toContain(due.options[0]!.nav)
    expect(after.payable).toEqual([first!.nav, due.options[3]!.nav])
  }, 120_000)
})
