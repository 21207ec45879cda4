// The whole path an operator takes: the CLI starts the browser host on a demo cache, a real
// Chromium loads the built UI, and the search box is used as at the desk.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SearchDuesResult } from '../../src-main/contract/dues'
import { seriousViolations } from '../helpers/axe'
import { launchChromium, screenshotPath } from '../helpers/browser'
import { tempDir } from '../helpers/paths'
import { serve, type Served } from '../helpers/processes'

const data = tempDir()
let served: Served
let browser: Browser
let page: Page
/** Console errors and CSP violations the page reports: there must be none. */
const pageErrors: string[] = []

async function rpc<T>(method: string, input: unknown): Promise<T> {
  const res = await fetch(`${served.origin}/rpc/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${served.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input)
  })
  const body = (await res.json()) as { ok: boolean; value: T }
  if (!body.ok) throw new Error(JSON.stringify(body))
  return body.value
}

async function typeSearch(text: string): Promise<void> {
  const box = page.getByRole('searchbox')
  await box.fill('')
  await box.pressSequentially(text, { delay: 5 })
  await box.press('Enter')
}

async function visibleRows(): Promise<{ iupd: string; text: string }[]> {
  return page.locator('[data-testid=results] tbody tr').evaluateAll((rows) =>
    rows.map((r) => ({ iupd: r.getAttribute('data-iupd') ?? '', text: (r as HTMLElement).innerText }))
  )
}

beforeAll(async () => {
  served = await serve(['--demo', '--data', data.dir])
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'it-IT' })
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text())
  })
  page.on('pageerror', (error) => pageErrors.push(error.message))
  await page.goto(served.url)
  await page.locator('[data-testid=results]').waitFor()
})

afterAll(async () => {
  await browser?.close()
  await served?.stop()
  data.cleanup()
})

describe('Cerca dovuti in a real browser', () => {
  it('opens on the demo cache with the ente in the header and the token gone from the address', async () => {
    await expect.poll(() => page.locator('header').innerText()).toContain('Comune di Valdoria')
    expect(page.url()).not.toContain('token')
    expect(await page.getByRole('searchbox').evaluate((el) => el === document.activeElement)).toBe(true)
    // The embedded backend (the GPD simulator with the demo Comune) fills the cache on first start.
    await expect.poll(() => page.locator('[data-testid=result-summary]').innerText(), { timeout: 60_000 }).toMatch(/3\.000 dovuti trovati/)
    await expect.poll(() => page.getByTestId('sync-status').innerText()).toBe('In linea')
    await page.screenshot({ path: screenshotPath('search-start'), fullPage: true })
  })

  it('finds only the dues of a surname typed in the search box', async () => {
    const sample = await rpc<SearchDuesResult>('dues.search', { text: 'bianchi', pageSize: 1 })
    expect(sample.total).toBeGreaterThan(0)
    await typeSearch('Bianchi')
    await expect.poll(() => page.locator('[data-testid=result-summary]').innerText()).toContain('per nome o causale')
    const summary = await page.locator('[data-testid=result-summary]').innerText()
    expect(summary).toContain(`${sample.total} dovut`)
    const rows = await visibleRows()
    expect(rows.length).toBe(Math.min(25, sample.total))
    expect(rows.every((r) => r.text.toUpperCase().includes('BIANCHI'))).toBe(true)
    await page.screenshot({ path: screenshotPath('search-surname'), fullPage: true })
  })

  it('finds exactly one due from a notice number typed with spaces', async () => {
    // A due with installments: its single-payment notice number must still lead to just that due.
    const withInstallments = (await rpc<SearchDuesResult>('dues.search', { text: 'TARI', pageSize: 200 })).rows.find((r) => r.installments > 0)
    expect(withInstallments).toBeDefined()
    const spaced = withInstallments!.noticeNumber.replace(/(\d{4})(?=\d)/g, '$1 ')
    await typeSearch(spaced)
    await expect.poll(() => page.locator('[data-testid=result-summary]').innerText()).toBe('1 dovuto trovato per numero avviso')
    const rows = await visibleRows()
    expect(rows.map((r) => r.iupd)).toEqual([withInstallments!.iupd])
    expect(rows[0]!.text).toContain(spaced)
    await page.screenshot({ path: screenshotPath('search-notice-number'), fullPage: true })
  })

  it('filters by status with the keyboard and pages through results', async () => {
    await typeSearch('rossi')
    await expect.poll(() => page.locator('[data-testid=result-summary]').innerText()).toContain('per nome o causale')
    // Radio buttons move with the arrow keys: Tutti → Da pagare → Pagati.
    await page.getByLabel('Tutti', { exact: true }).focus()
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowRight')
    expect(await page.getByLabel('Pagati', { exact: true }).isChecked()).toBe(true)
    await expect.poll(async () => (await visibleRows()).every((r) => /Pagato/.test(r.text))).toBe(true)
    await page.keyboard.press('ArrowLeft')
    await page.keyboard.press('ArrowLeft')
    expect(await page.getByLabel('Tutti', { exact: true }).isChecked()).toBe(true)
    await expect.poll(async () => (await visibleRows()).some((r) => !/Pagato/.test(r.text))).toBe(true)
    const firstPage = (await visibleRows()).map((r) => r.iupd)
    await page.getByRole('button', { name: 'Pagina successiva' }).click()
    await expect.poll(() => page.getByRole('navigation', { name: 'Paginazione dei risultati' }).innerText()).toContain('Pagina 2 di')
    const secondPage = (await visibleRows()).map((r) => r.iupd)
    expect(secondPage.some((iupd) => firstPage.includes(iupd))).toBe(false)
  })

  it('opens a due by a click anywhere on its row, or by Enter on the focused row; "Cerca" and "Svuota" as at the desk', async () => {
    const summary = () => page.locator('[data-testid=result-summary]').innerText()
    const box = page.getByRole('searchbox')
    await box.fill('rossi')
    await page.getByRole('button', { name: 'Cerca', exact: true }).click()
    await expect.poll(summary).toContain('per nome o causale')
    const [first, second] = await visibleRows()
    // A click on the causale, away from the notice number's link.
    await page.locator(`[data-testid=results] tbody tr[data-iupd="${first!.iupd}"] td.causale`).click()
    await expect.poll(() => page.getByTestId('due-iupd').innerText()).toBe(first!.iupd)
    // Back with the menu's "Cerca": the same result, then the keyboard: a focused row opens with Enter.
    await page.getByRole('navigation', { name: 'Menu principale' }).getByRole('link', { name: 'Cerca', exact: true }).click()
    const row = page.locator(`[data-testid=results] tbody tr[data-iupd="${second!.iupd}"]`)
    await row.waitFor()
    await row.focus()
    await page.keyboard.press('ArrowUp')
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-iupd'))).toBe(first!.iupd)
    await page.keyboard.press('ArrowDown')
    expect(await row.evaluate((el) => el === document.activeElement && el.matches(':focus-visible'))).toBe(true)
    expect(await seriousViolations(page)).toEqual([])
    await page.screenshot({ path: screenshotPath('search-row-focused'), fullPage: true })
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByTestId('due-iupd').innerText()).toBe(second!.iupd)
    await page.goBack()
    // "Svuota" (not "Cancella") empties the box and searches everything again.
    expect(await box.inputValue()).toBe('rossi')
    await page.getByRole('button', { name: 'Svuota' }).click()
    expect(await box.inputValue()).toBe('')
    await expect.poll(summary).toMatch(/^3\.000 dovuti trovati$/)
  })

  it('explains IUV where a search matched by it, on hover', async () => {
    const sample = (await rpc<SearchDuesResult>('dues.search', { text: 'bianchi', pageSize: 1 })).rows[0]!
    await typeSearch(sample.iuv)
    const summary = page.locator('[data-testid=result-summary]')
    await expect.poll(() => summary.innerText()).toBe('1 dovuto trovato per IUV')
    await summary.locator('[data-jargon=iuv]').hover()
    const tip = page.getByRole('tooltip')
    await expect.poll(() => tip.isVisible()).toBe(true)
    expect(await tip.innerText()).toMatch(/^IUV \(Identificativo Univoco di Versamento\)/)
    expect(await seriousViolations(page)).toEqual([])
    await page.screenshot({ path: screenshotPath('search-jargon-iuv'), fullPage: true })
    await page.keyboard.press('Escape')
    await expect.poll(() => tip.isVisible()).toBe(false)
    // The box keeps what was typed: Esc went to the explanation, not to the search box.
    expect(await page.getByRole('searchbox').inputValue()).toBe(sample.iuv)
  })

  it('loaded and ran without a console error or a Content-Security-Policy violation', () => {
    expect(pageErrors).toEqual([])
  })

  it('says so when nothing matches', async () => {
    await typeSearch('zzzzqqq')
    await expect.poll(() => page.locator('[data-testid=result-summary]').innerText()).toBe('Nessun dovuto trovato per nome o causale')
    expect(await page.getByText('Nessun dovuto corrisponde alla ricerca').isVisible()).toBe(true)
  })
})
