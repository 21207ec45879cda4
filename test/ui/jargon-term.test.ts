// The explanation of a pagoPA word, in a real Chromium with a real pointer and keyboard: shown on
// hover and on keyboard focus, described to assistive technology, hoverable, and dismissed by Esc
// without closing the dialog around it (WCAG 1.4.13).
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import { createAppI18n } from '@/i18n'
import en from '@/i18n/en'
import itCatalog from '@/i18n/it'
import JargonTerm from '@/components/JargonTerm.vue'
import { defineComponent, h } from 'vue'

let wrapper: ReturnType<typeof mount> | undefined
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
})

function mountTerm(locale: 'it' | 'en' = 'it', inDialog = false) {
  const Host = defineComponent({
    setup: () => () => {
      const content = [h('p', ['Prima ', h(JargonTerm, { term: 'iupd' }, () => 'IUPD'), ' dopo']), h('button', { type: 'button', id: 'elsewhere' }, 'Altrove')]
      return inDialog ? h('dialog', { id: 'host-dialog' }, content) : h('div', content)
    }
  })
  wrapper = mount(Host, { attachTo: document.body, global: { plugins: [createAppI18n(locale)] } })
  if (inDialog) (document.getElementById('host-dialog') as HTMLDialogElement).showModal()
  const term = wrapper.find('.jargon-term').element as HTMLElement
  const tip = document.getElementById(term.getAttribute('aria-describedby') ?? '')
  return { term, tip: tip! }
}
const shown = (el: HTMLElement) => el.checkVisibility()

describe('a pagoPA word with its explanation', () => {
  it('is focusable and described by a role=tooltip element holding the explanation, hidden until asked', () => {
    const { term, tip } = mountTerm()
    expect(term.tabIndex).toBe(0)
    expect(tip).not.toBeNull()
    expect(tip.getAttribute('role')).toBe('tooltip')
    expect(tip.textContent).toBe(itCatalog.jargon.iupd)
    expect(shown(tip)).toBe(false)
  })

  it('shows on keyboard focus and hides when the focus moves on', async () => {
    const { term, tip } = mountTerm()
    await userEvent.tab()
    expect(document.activeElement).toBe(term)
    await flushPromises()
    expect(shown(tip)).toBe(true)
    // Right under the term, in the window.
    const t = term.getBoundingClientRect()
    const b = tip.getBoundingClientRect()
    expect(Math.abs(b.top - t.bottom)).toBeLessThanOrEqual(1)
    await userEvent.tab()
    expect(document.activeElement?.id).toBe('elsewhere')
    await flushPromises()
    expect(shown(tip)).toBe(false)
  })

  it('shows on hover, stays while the pointer moves onto it, and hides when the pointer leaves both', async () => {
    const { term, tip } = mountTerm()
    await userEvent.hover(term)
    await flushPromises()
    expect(shown(tip)).toBe(true)
    await userEvent.hover(tip)
    await flushPromises()
    expect(shown(tip)).toBe(true)
    await userEvent.hover(document.getElementById('elsewhere')!)
    await flushPromises()
    expect(shown(tip)).toBe(false)
  })

  it('hides on Esc, focus staying on the term, and shows again when focused anew', async () => {
    const { term, tip } = mountTerm()
    term.focus()
    await flushPromises()
    expect(shown(tip)).toBe(true)
    await userEvent.keyboard('{Escape}')
    await flushPromises()
    expect(shown(tip)).toBe(false)
    expect(document.activeElement).toBe(term)
    term.blur()
    term.focus()
    await flushPromises()
    expect(shown(tip)).toBe(true)
  })

  it('hides on Esc while only hovered, without moving the pointer', async () => {
    const { term, tip } = mountTerm()
    await userEvent.hover(term)
    await flushPromises()
    expect(shown(tip)).toBe(true)
    await userEvent.keyboard('{Escape}')
    await flushPromises()
    expect(shown(tip)).toBe(false)
  })

  it('in a dialog, the first Esc closes the explanation and not the dialog', async () => {
    const { term, tip } = mountTerm('it', true)
    const dialog = document.getElementById('host-dialog') as HTMLDialogElement
    term.focus()
    await flushPromises()
    expect(shown(tip)).toBe(true)
    await userEvent.keyboard('{Escape}')
    await flushPromises()
    expect(shown(tip)).toBe(false)
    expect(dialog.open).toBe(true)
    await userEvent.keyboard('{Escape}')
    await expect.poll(() => dialog.open).toBe(false)
  })

  it('explains in English to an English-speaking operator', () => {
    const { tip } = mountTerm('en')
    expect(tip.textContent).toBe(en.jargon.iupd)
    expect(en.jargon.iupd).not.toBe(itCatalog.jargon.iupd)
  })
})
