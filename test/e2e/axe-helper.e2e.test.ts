// The accessibility check itself must be able to fail: a page with known WCAG failures.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { seriousViolations } from '../helpers/axe'
import { launchChromium } from '../helpers/browser'

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(() => browser?.close())

it('reports serious violations on a page that has them', async () => {
  const page = await browser.newPage()
  await page.setContent('<html><body><main><input type="text"><button></button><p style="color:#eee;background:#fff">poco contrasto</p></main></body></html>')
  const ids = (await seriousViolations(page)).map((v) => v.id)
  expect(ids).toEqual(expect.arrayContaining(['label', 'button-name', 'color-contrast']))
})
