// The due's page mounted in a real Chromium against a fake service client: the citizen's
// installment selected, actions disabled with their reason, the dialogs' defaults, and no service
// event subscription outliving the page.
import { formatCents } from '@contract/format'
import { italian, message } from '@contract/messages'
import type { DueDetail } from '@contract/index'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { afterEach, describe, expect, it } from 'vitest'
import { createClient, type Transport } from '@/api/client'
import { CLIENT_KEY } from '@/api/inject'
import { createAppI18n } from '@/i18n'
import DueView from '@/views/DueView.vue'
import { h } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'

const allowed = { allowed: true, reason: null }
const option = (installmentNo: number, nav: string, amountCents: number) => ({ nav, iuv: nav.slice(1), installmentNo, amountCents, description: 'TARI', dueDate: '2027-01-31', status: 'PO_UNPAID' as const, paymentDate: null, paymentMethod: null, pspCompany: null, idReceipt: null, transfers: [] })
const DUE: DueDetail = {
  iupd: 'VLD-1', status: 'VALID', syncState: 'synced', origin: 'backend', dueType: { code: 'TARI', label: 'TARI' }, causale: 'TARI 2027', amountCents: 30_000, dueDate: '2027-01-31',
  paidAt: null, insertedAt: '2026-11-01', lastUpdatedAt: null, companyName: 'Comune', officeName: null,
  debtor: { type: 'F', fiscalCode: 'RSSMRA80A01H501U', fullName: 'ROSSI MARIO', streetName: null, civicNumber: null, postalCode: null, city: null, province: null, country: 'IT', email: null, phone: null },
  options: [option(0, '301000000000000000', 30_000), option(1, '301000000000000101', 10_000), option(2, '301000000000000202', 10_000), option(3, '301000000000000303', 10_000)],
  deskPayments: [], history: [], outbox: [], posOpen: null,
  tillClosedThrough: null,
  payable: ['301000000000000000', '301000000000000101', '301000000000000202', '301000000000000303'],
  actions: { edit: allowed, editDebtor: allowed, delete: allowed, invalidate: allowed, registerPayment: allowed, print: allowed, email: { allowed: false, reason: message('mail.notConfigured') }, pos: allowed }
}

function fakeTransport() {
  const listeners = new Map<string, number>()
  const transport: Transport = {
    async invoke(method) {
      if (method === 'dues.get') return { ok: true, value: DUE }
      if (method === 'app.status') return { ok: true, value: { sync: { state: 'online', pendingChanges: 0, conflicts: 0, lastSyncAt: null, lastError: null, backend: message('sync.backendName.none'), progress: null }, pos: { state: 'ready', terminal: message('pos.terminalName.none') }, cachedDues: 1, deskCollision: null, createRefusal: null } }
      return { ok: false, error: { code: 'UNKNOWN_METHOD', message: method } }
    },
    on(event) {
      listeners.set(event, (listeners.get(event) ?? 0) + 1)
      return () => listeners.set(event, listeners.get(event)! - 1)
    }
  }
  return { transport, active: () => [...listeners.values()].reduce((a, b) => a + b, 0) }
}

let wrapper: ReturnType<typeof mount> | undefined
afterEach(() => wrapper?.unmount())

async function mountDue(transport: Transport, avviso?: string, pinia = createPinia(), locale: 'it' | 'en' = 'it') {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', name: 'search', component: { render: () => h('p') } }, { path: '/dovuti/:iupd', name: 'due', component: DueView }] })
  await router.push({ name: 'due', params: { iupd: 'VLD-1' } })
  const global = { plugins: [pinia, createAppI18n(locale), router], provide: { [CLIENT_KEY as symbol]: createClient(transport) } }
  wrapper = mount(DueView, { attachTo: document.body, props: { iupd: 'VLD-1', ...(avviso ? { avviso } : {}) }, global })
  await flushPromises()
  return wrapper
}

describe('the due’s page', () => {
  it('selects the citizen’s installment, and the POS dialog starts on it with its amount', async () => {
    const { transport } = fakeTransport()
    const page = await mountDue(transport, '301000000000000202')
    expect(page.find('tr[data-held=true] th').text()).toContain('Rata 2 di 3')
    await page.find('[data-testid=action-pos]').trigger('click')
    await flushPromises()
    expect((page.find('#pos-nav').element as HTMLSelectElement).value).toBe('301000000000000202')
    expect(page.find('[data-testid=pos-amount]').text()).toBe(formatCents(10_000))
  })

  it('without the citizen’s notice, lets the operator choose among the installments; says why e-mail is off', async () => {
    const { transport } = fakeTransport()
    const page = await mountDue(transport)
    expect(page.find('[data-testid=action-email]').attributes('disabled')).toBeDefined()
    expect(page.find('#why-email').text()).toBe(italian('mail.notConfigured'))
    await page.find('[data-testid=action-pay]').trigger('click')
    await flushPromises()
    expect((page.find('#pay-nav').element as HTMLSelectElement).value).toBe('')
    expect(page.find('[data-testid=pay-amount]').text()).toBe('—')
  })

  it('says why, in English too: the services’ refusal is a key with parameters, translated on the page', async () => {
    const { transport } = fakeTransport()
    const page = await mountDue(transport, undefined, createPinia(), 'en')
    expect(page.find('#why-email').text()).toBe('No mail server is set up: whoever manages the settings sets it in Settings › E-mail.')
    expect(page.find('#why-email').text()).not.toBe(italian('mail.notConfigured'))
  })

  it('names the due to delete or cancel by causale, debtor and amount, with "Chiudi" to go back', async () => {
    const { transport } = fakeTransport()
    const page = await mountDue(transport)
    for (const [action, confirm] of [['delete', 'Elimina'], ['invalidate', 'Annulla dovuto']] as const) {
      await page.find(`[data-testid=action-${action}]`).trigger('click')
      await flushPromises()
      const text = page.find('[data-testid=close-due-text]').text()
      expect(text).toContain('«TARI 2027» di ROSSI MARIO, di 300,00\u00a0€')
      expect(text).not.toContain('VLD-1')
      const buttons = page.findAll('dialog .dialog-actions button').map((b) => b.text())
      expect(buttons).toEqual(['Chiudi', confirm])
      await page.findAll('dialog .dialog-actions button')[0]!.trigger('click')
      await flushPromises()
      expect(page.find('dialog').exists()).toBe(false)
    }
  })

  it('explains IUPD, IUV and the receiving accounts where they are labels', async () => {
    const { transport } = fakeTransport()
    const page = await mountDue(transport)
    expect(page.findAll('[data-jargon]').map((term) => `${term.attributes('data-jargon')}:${term.text()}`)).toEqual(['iupd:Identificativo (IUPD)', 'iuv:IUV', 'transfers:Conti di accredito'])
    for (const term of page.findAll('[data-jargon]')) expect(document.getElementById(term.attributes('aria-describedby')!)?.getAttribute('role')).toBe('tooltip')
  })

  it('leaves no service event subscription behind, however often it is opened', async () => {
    const { transport, active } = fakeTransport()
    // One app, one store for the session: its own subscriptions (status, sync progress) stay.
    const pinia = createPinia()
    await mountDue(transport, undefined, pinia)
    const baseline = active()
    for (let i = 0; i < 3; i++) {
      wrapper!.unmount()
      const page = await mountDue(transport, undefined, pinia)
      await page.find('[data-testid=action-pos]').trigger('click')
      await flushPromises()
      expect(active()).toBe(baseline + 1)
    }
    wrapper!.unmount()
    wrapper = undefined
    expect(active()).toBe(baseline)
  })
})
