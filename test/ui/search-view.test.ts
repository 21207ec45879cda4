// SearchView mounted in a real Chromium (vitest browser mode) against a fake service client:
// what the operator sees for what the services answer, and what the view asks of them.
import type { DueCount, DueSummary, SearchDuesInput, SearchDuesResult } from '@contract/index'
import { mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { userEvent } from 'vitest/browser'
import { createClient, type Transport } from '@/api/client'
import { CLIENT_KEY } from '@/api/inject'
import { createAppI18n } from '@/i18n'
import SearchView from '@/views/SearchView.vue'
import { h } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'

function row(over: Partial<DueSummary>): DueSummary {
  return {
    id: 1, iupd: 'VLD-TARI-2026-1', status: 'VALID', debtorType: 'F', debtorName: 'ROSSI MARIO', debtorFiscalCode: 'RSSMRA80A01H501U',
    dueTypeCode: 'TARI', dueTypeLabel: 'TARI - Tassa sui rifiuti', causale: 'TARI 2026', amountCents: 123456, dueDate: '2026-12-31',
    paidAt: null, noticeNumber: '301000000000000144', iuv: '01000000000000144', installments: 0, ...over
  }
}

function fakeTransport(answer: (input: Required<SearchDuesInput>) => SearchDuesResult | Error, count?: () => Promise<DueCount>) {
  const calls: Required<SearchDuesInput>[] = []
  const transport: Transport = {
    async invoke(method, input) {
      if (method === 'dueTypes.list') return { ok: true, value: [] }
      if (method === 'dues.count' && count) return { ok: true, value: await count() }
      if (method !== 'dues.search') return { ok: false, error: { code: 'UNKNOWN_METHOD', message: 'no' } }
      calls.push(input as Required<SearchDuesInput>)
      const result = answer(input as Required<SearchDuesInput>)
      return result instanceof Error ? { ok: false, error: { code: 'INTERNAL', message: result.message } } : { ok: true, value: result }
    },
    on: () => () => undefined
  }
  return { transport, calls }
}

let wrapper: ReturnType<typeof mount> | undefined
afterEach(() => wrapper?.unmount())

function mountView(transport: Transport) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'search', component: SearchView },
      { path: '/dovuti/:iupd', name: 'due', component: { render: () => h('p', 'due') } }
    ]
  })
  wrapper = mount(SearchView, {
    attachTo: document.body,
    global: { plugins: [createPinia(), createAppI18n('it'), router], provide: { [CLIENT_KEY as symbol]: createClient(transport) } }
  })
  return wrapper
}

describe('SearchView', () => {
  it('searches everything on open, focuses the box, and shows Italian formats', async () => {
    const { transport, calls } = fakeTransport((input) => ({ rows: [row({})], total: 1, page: input.page, pageSize: input.pageSize, matchedBy: 'all' }))
    const view = mountView(transport)
    await vi.waitFor(() => expect(view.find('[data-testid=results]').exists()).toBe(true))
    expect(calls[0]).toMatchObject({ text: '', status: 'all', page: 1, sort: 'dueDate', direction: 'desc' })
    expect(document.activeElement?.id).toBe('search-text')
    const text = view.find('tbody tr').text()
    expect(text).toContain('3010 0000 0000 0001 44')
    expect(text).toContain('1.234,56\u00a0€')
    expect(text).toContain('31/12/2026')
    expect(text).toContain('Da pagare')
    expect(view.find('[data-testid=result-summary]').text()).toBe('1 dovuto trovato')
  })

  it('sends what is typed, with the chosen status, and shows how it matched', async () => {
    const { transport, calls } = fakeTransport((input) =>
      input.text === 'rossi'
        ? { rows: [row({ id: 2, status: 'PAID', paidAt: '2026-11-02T10:00:00Z' })], total: 1, page: 1, pageSize: 25, matchedBy: 'text' }
        : { rows: [], total: 0, page: 1, pageSize: 25, matchedBy: 'all' }
    )
    const view = mountView(transport)
    await view.find('#status-paid').setValue(true)
    await view.find('input[type=search]').setValue('rossi')
    await view.find('form').trigger('submit')
    await vi.waitFor(() => expect(view.find('[data-testid=result-summary]').text()).toBe('1 dovuto trovato per nome o causale'))
    expect(calls.at(-1)).toMatchObject({ text: 'rossi', status: 'paid', page: 1 })
    expect(view.find('tbody').text()).toContain('pagato il 02/11/2026')
  })

  it('shows the service error to the operator instead of stale rows', async () => {
    const { transport } = fakeTransport(() => new Error('Cache non disponibile'))
    const view = mountView(transport)
    await vi.waitFor(() => expect(view.find('[role=alert]').text()).toBe('Cache non disponibile'))
  })

  it('sorts by a column header and says so to assistive technology', async () => {
    const { transport, calls } = fakeTransport((input) => ({ rows: [row({})], total: 1, page: input.page, pageSize: input.pageSize, matchedBy: 'all' }))
    const view = mountView(transport)
    await vi.waitFor(() => expect(view.find('[data-testid=results]').exists()).toBe(true))
    const amountHeader = view.findAll('th').find((th) => th.text().startsWith('Importo'))!
    expect(amountHeader.attributes('aria-sort')).toBe('none')
    await amountHeader.find('button').trigger('click')
    await vi.waitFor(() => expect(calls.at(-1)).toMatchObject({ sort: 'amount', direction: 'desc' }))
    expect(view.findAll('th').find((th) => th.text().startsWith('Importo'))!.attributes('aria-sort')).toBe('descending')
  })

  it('offers paging only when there is more than one page, and asks for the next page', async () => {
    const { transport, calls } = fakeTransport((input) => ({
      rows: Array.from({ length: 25 }, (_, i) => row({ id: input.page * 100 + i, iupd: `P${input.page}-${i}` })),
      total: 60,
      page: input.page,
      pageSize: 25,
      matchedBy: 'all'
    }))
    const view = mountView(transport)
    await vi.waitFor(() => expect(view.find('nav[aria-label="Paginazione dei risultati"]').text()).toContain('Pagina 1 di 3'))
    const [previous, next] = view.findAll('nav[aria-label="Paginazione dei risultati"] button')
    expect(previous!.attributes('disabled')).toBeDefined()
    await next!.trigger('click')
    await vi.waitFor(() => expect(view.find('nav[aria-label="Paginazione dei risultati"]').text()).toContain('Pagina 2 di 3'))
    expect(calls.at(-1)).toMatchObject({ page: 2 })
  })

  it('shows a full page at once and its count when it comes', async () => {
    let counted: (c: DueCount) => void = () => undefined
    const { transport, calls } = fakeTransport(
      (input) => ({
        rows: Array.from({ length: 25 }, (_, i) => row({ id: i, iupd: `P-${i}` })),
        total: 25,
        totalBound: 'pending',
        page: input.page,
        pageSize: 25,
        matchedBy: 'text'
      }),
      () => new Promise<DueCount>((resolve) => (counted = resolve))
    )
    const view = mountView(transport)
    const summary = () => view.find('[data-testid="result-summary"]').text()
    const pager = () => view.find('nav[aria-label="Paginazione dei risultati"]')
    await vi.waitFor(() => expect(view.findAll('tbody tr')).toHaveLength(25))
    expect(calls[0]).toMatchObject({ count: false })
    expect(summary()).toBe('almeno 25 dovuti trovati, conteggio in corso… per nome o causale')
    expect(pager().text()).toContain('Pagina 1, conteggio in corso…')
    expect(pager().findAll('button')[1]!.attributes('disabled')).toBeUndefined()
    counted({ total: 10_000, totalBound: 'over' })
    await vi.waitFor(() => expect(summary()).toBe('oltre 10.000 dovuti trovati per nome o causale'))
    expect(pager().text()).toContain('Pagina 1 di oltre 400')
  })

  it('says "oltre" where the services stopped counting, and still offers the next page', async () => {
    const { transport, calls } = fakeTransport((input) => ({
      rows: Array.from({ length: 25 }, (_, i) => row({ id: input.page * 100 + i, iupd: `P${input.page}-${i}` })),
      total: 10_000,
      totalBound: 'over',
      page: input.page,
      pageSize: 25,
      matchedBy: 'all'
    }))
    const view = mountView(transport)
    await vi.waitFor(() => expect(view.find('[data-testid="result-summary"]').text()).toBe('oltre 10.000 dovuti trovati'))
    const pager = () => view.find('nav[aria-label="Paginazione dei risultati"]')
    expect(pager().text()).toContain('Pagina 1 di oltre 400')
    const next = pager().findAll('button')[1]!
    expect(next.attributes('disabled')).toBeUndefined()
    await next.trigger('click')
    await vi.waitFor(() => expect(calls.at(-1)).toMatchObject({ page: 2 }))
  })
})

describe('a row of the result', () => {
  const rows = [row({ id: 1, iupd: 'VLD-TARI-2026-1', causale: 'TARI 2026' }), row({ id: 2, iupd: 'VLD-IMU-2026-2', causale: 'IMU 2026', noticeNumber: '301000000000000252' })]
  async function mounted() {
    const { transport } = fakeTransport((input) => ({ rows, total: 2, page: input.page, pageSize: input.pageSize, matchedBy: 'all' }))
    const view = mountView(transport)
    await vi.waitFor(() => expect(view.findAll('tbody tr')).toHaveLength(2))
    const router = view.vm.$router
    const path = () => router.currentRoute.value.fullPath
    const tr = (i: number) => view.findAll('tbody tr')[i]!.element as HTMLTableRowElement
    return { view, path, tr }
  }

  it('opens the due on a click anywhere on the row, not only on the notice number', async () => {
    const { path, tr } = await mounted()
    expect(path()).toBe('/')
    await userEvent.click(tr(1).querySelector('.causale')!)
    await vi.waitFor(() => expect(path()).toBe('/dovuti/VLD-IMU-2026-2'))
  })

  it('opens the due with Enter on a focused row; the arrows move between rows; the row shows its focus', async () => {
    const { path, tr } = await mounted()
    expect(tr(0).tabIndex).toBe(0)
    tr(0).focus()
    await userEvent.keyboard('{ArrowDown}')
    expect(document.activeElement).toBe(tr(1))
    await userEvent.keyboard('{ArrowUp}')
    expect(document.activeElement).toBe(tr(0))
    // Reached from the keyboard, the focused row is marked (outline), unlike the others.
    await userEvent.keyboard('{ArrowDown}')
    expect(getComputedStyle(tr(1)).outlineStyle).toBe('solid')
    expect(getComputedStyle(tr(0)).outlineStyle).toBe('none')
    expect(path()).toBe('/')
    await userEvent.keyboard('{Enter}')
    await vi.waitFor(() => expect(path()).toBe('/dovuti/VLD-IMU-2026-2'))
  })

  it('only selects when the checkbox or its cell is clicked, and Enter there does not open the due', async () => {
    const { view, path, tr } = await mounted()
    const box = tr(0).querySelector<HTMLInputElement>('input[type=checkbox]')!
    await userEvent.click(box)
    expect(box.checked).toBe(true)
    await vi.waitFor(() => expect(view.text()).toContain('1 dovuto selezionato'))
    await userEvent.click(tr(0).querySelector('.select-col')!, { position: { x: 2, y: 2 } })
    box.focus()
    await userEvent.keyboard('{Enter}')
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(path()).toBe('/')
  })

  it('keeps the notice number as a link to the due for screen readers, out of the Tab order the row is in', async () => {
    const { tr } = await mounted()
    const link = tr(0).querySelector('a')!
    expect(link.getAttribute('href')).toContain('/dovuti/VLD-TARI-2026-1')
    expect(link.getAttribute('aria-label')).toBe('Apri il dovuto 3010 0000 0000 0001 44')
    expect(link.tabIndex).toBe(-1)
  })
})
