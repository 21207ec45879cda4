// "Correggi debitore" on the due's page, mounted in a real Chromium against fake services: the
// action is offered or disabled with the services' reason, the dialog opens with the debtor's data
// (the fiscal code shown, not editable), refuses wrong fields with the contract's sentences before
// anything is sent, and sends the whole corrected debtor with the reason.
import { italian, message } from '@contract/messages'
import type { DueDetail } from '@contract/index'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import axeSource from 'axe-core/axe.min.js?raw'
import type { AxeResults, RunOptions } from 'axe-core'
import { createPinia } from 'pinia'
import { afterEach, describe, expect, it } from 'vitest'
import { CLIENT_KEY } from '@/api/inject'
import { createClient } from '@/api/client'
import { createAppI18n } from '@/i18n'
import DueView from '@/views/DueView.vue'
import { h } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { fakeServices, type Answers } from './fake-services'

const allowed = { allowed: true, reason: null }
const DUE: DueDetail = {
  iupd: 'VLD-7', status: 'VALID', syncState: 'synced', origin: 'backend', dueType: { code: 'TARI', label: 'TARI' }, causale: 'TARI 2027', amountCents: 12_000, dueDate: '2027-01-31',
  paidAt: null, insertedAt: '2026-11-01', lastUpdatedAt: null, companyName: 'Comune', officeName: null,
  debtor: { type: 'F', fiscalCode: 'RSSMRA80A01H501U', fullName: 'ROSI MARIO', streetName: 'Via Roma', civicNumber: '1', postalCode: '00060', city: 'Valdoria', province: 'RM', country: 'IT', email: 'sbagliata@example.it', phone: null },
  options: [{ nav: '301000000000000000', iuv: '01000000000000000', installmentNo: 0, amountCents: 12_000, description: 'TARI', dueDate: '2027-01-31', status: 'PO_UNPAID', paymentDate: null, paymentMethod: null, pspCompany: null, idReceipt: null, transfers: [] }],
  deskPayments: [], history: [], outbox: [], posOpen: null, payable: ['301000000000000000'], tillClosedThrough: null,
  actions: { edit: allowed, editDebtor: allowed, delete: allowed, invalidate: allowed, registerPayment: allowed, print: allowed, email: allowed, pos: allowed }
}
const STATUS = { sync: { state: 'online', pendingChanges: 0, conflicts: 0, lastSyncAt: null, lastError: null, backend: message('sync.backendName.none'), progress: null }, pos: { state: 'ready', terminal: message('pos.terminalName.none') }, cachedDues: 1, deskCollision: null, createRefusal: null } as const

let wrapper: VueWrapper | undefined
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
})

async function mountDue(due: DueDetail, extra: Answers = {}) {
  const services = fakeServices({ 'dues.get': () => due, 'app.status': () => STATUS as never, ...extra })
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', name: 'search', component: { render: () => h('p') } }, { path: '/dovuti/:iupd', name: 'due', component: DueView }] })
  await router.push({ name: 'due', params: { iupd: due.iupd } })
  const global = { plugins: [createPinia(), createAppI18n('it'), router], provide: { [CLIENT_KEY as symbol]: createClient(services.transport) } }
  wrapper = mount(DueView, { attachTo: document.body, props: { iupd: due.iupd }, global })
  await flushPromises()
  return { page: wrapper, services }
}

const input = (page: VueWrapper, field: string) => page.find<HTMLInputElement>(`#debtor-${field}`)

/** axe-core's WCAG 2.1 A and AA rules on one element: the serious and critical violations. */
async function seriousViolations(element: Element): Promise<string[]> {
  const holder = window as unknown as { axe?: { run(context: Element, options: RunOptions): Promise<AxeResults> } }
  if (!holder.axe) {
    const script = document.createElement('script')
    script.textContent = axeSource
    document.head.append(script)
  }
  const result = await holder.axe!.run(element, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

describe('Correggi debitore', () => {
  it('is disabled with the services’ reason when the due may not be corrected', async () => {
    const reason = message('dues.debtorPaid')
    const { page } = await mountDue({ ...DUE, actions: { ...DUE.actions, editDebtor: { allowed: false, reason } } })
    const button = page.find('[data-testid=action-editDebtor]')
    expect(button.text()).toBe('Correggi debitore')
    expect(button.attributes('disabled')).toBeDefined()
    expect(button.attributes('aria-describedby')).toBe('why-editDebtor')
    expect(page.find('#why-editDebtor').text()).toBe(italian(reason))
    // The delete button keeps its place and test id.
    expect(page.find('[data-testid=action-delete]').text()).toBe('Elimina')
  })

  it('opens with the debtor’s data, refuses wrong fields before sending, then sends the whole corrected debtor', async () => {
    const corrected: DueDetail = { ...DUE, syncState: 'pending', debtor: { ...DUE.debtor, fullName: 'ROSSI MARIO', postalCode: '00061', email: 'mario.rossi@example.it' } }
    const { page, services } = await mountDue(DUE, { 'dues.updateDebtor': () => corrected })
    await page.find('[data-testid=action-editDebtor]').trigger('click')
    await flushPromises()
    const dialog = page.find('dialog')
    expect(dialog.exists()).toBe(true)
    expect((dialog.element as HTMLDialogElement).open).toBe(true)
    expect(dialog.find('h2').text()).toBe('Correggi i dati del debitore')
    expect(input(page, 'fullName').element.value).toBe('ROSI MARIO')
    expect(input(page, 'email').element.value).toBe('sbagliata@example.it')
    expect(input(page, 'phone').element.value).toBe('')
    expect(input(page, 'country').element.value).toBe('IT')
    // The fiscal code is shown, never offered for editing.
    expect(page.find('[data-testid=debtor-fiscal-code]').text()).toBe('RSSMRA80A01H501U')
    expect(dialog.findAll('input').some((i) => (i.element as HTMLInputElement).value === 'RSSMRA80A01H501U')).toBe(false)

    await input(page, 'fullName').setValue('  ')
    await input(page, 'postalCode').setValue('0061')
    await input(page, 'email').setValue('mario.rossi@')
    await input(page, 'province').setValue('R1')
    await page.find('[data-testid=debtor-form]').trigger('submit')
    await flushPromises()
    expect(services.count('dues.updateDebtor')).toBe(0)
    expect(page.find('[data-testid=debtor-fullName-error]').text()).toBe(italian('input.debtorFullName'))
    expect(page.find('[data-testid=debtor-postalCode-error]').text()).toBe(italian('input.debtorPostalCode'))
    expect(page.find('[data-testid=debtor-email-error]').text()).toBe(italian('input.debtorEmail'))
    expect(page.find('[data-testid=debtor-province-error]').text()).toBe(italian('input.debtorProvince'))
    expect(page.find('[data-testid=debtor-reason-error]').text()).toBe(italian('input.changeReason'))
    expect(input(page, 'email').attributes('aria-invalid')).toBe('true')
    expect(input(page, 'email').attributes('aria-describedby')).toBe('debtor-email-error')
    expect(input(page, 'city').attributes('aria-invalid')).toBeUndefined()
    expect(document.activeElement).toBe(input(page, 'fullName').element)
    // The dialog with its errors is accessible (WCAG 2.1 AA).
    expect(await seriousViolations(dialog.element)).toEqual([])

    await input(page, 'fullName').setValue('ROSSI MARIO')
    await input(page, 'postalCode').setValue('00061')
    await input(page, 'email').setValue('mario.rossi@example.it')
    await input(page, 'province').setValue('RM')
    await page.find('#debtor-reason').setValue('Cognome e CAP errati')
    await page.find('[data-testid=debtor-form]').trigger('submit')
    await flushPromises()
    expect(services.inputs('dues.updateDebtor')).toEqual([
      {
        iupd: 'VLD-7',
        debtor: { fullName: 'ROSSI MARIO', streetName: 'Via Roma', civicNumber: '1', postalCode: '00061', city: 'Valdoria', province: 'RM', country: 'IT', email: 'mario.rossi@example.it', phone: '' },
        reason: 'Cognome e CAP errati'
      }
    ])
    expect(page.find('dialog').exists()).toBe(false)
    expect(page.find('[role=status]').text()).toBe('Dati del debitore corretti; saranno inviati a pagoPA.')
    expect(page.find('#debtor-title').element.closest('section')!.textContent).toContain('ROSSI MARIO')
  })

  it('shows the services’ refusal in the dialog and keeps what was typed', async () => {
    const { page } = await mountDue(DUE, {
      'dues.updateDebtor': () => {
        throw new Error(italian('dues.debtorPaid'))
      }
    })
    await page.find('[data-testid=action-editDebtor]').trigger('click')
    await flushPromises()
    await input(page, 'phone').setValue('06 1234567')
    await page.find('#debtor-reason').setValue('Telefono mancante')
    await page.find('[data-testid=debtor-form]').trigger('submit')
    await flushPromises()
    expect(page.find('[data-testid=debtor-error]').text()).toBe(italian('dues.debtorPaid'))
    expect(page.find('dialog').exists()).toBe(true)
    expect(input(page, 'phone').element.value).toBe('06 1234567')
  })
})
