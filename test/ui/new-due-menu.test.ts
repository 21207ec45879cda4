// "Inserisci dovuto" › "Nuovo dovuto singolo", Civilia's words, in a real Chromium: a disclosure
// button that opens with the mouse and the keyboard, closes with Esc (back on the button) and when
// the focus leaves, and whose choice opens the new-due wizard.
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { userEvent } from 'vitest/browser'
import { createAppI18n } from '@/i18n'
import NewDueMenu from '@/components/NewDueMenu.vue'
import { defineComponent, h } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'

let wrapper: ReturnType<typeof mount> | undefined
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
})

async function mountMenu() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'search', component: { render: () => h('p', 'cerca') } },
      { path: '/nuovo', name: 'new', component: { render: () => h('p', 'wizard') } }
    ]
  })
  await router.push('/')
  const Host = defineComponent({ setup: () => () => h('nav', [h('ul', [h(NewDueMenu)]), h('button', { type: 'button', id: 'after' }, 'Dopo')]) })
  wrapper = mount(Host, { attachTo: document.body, global: { plugins: [createAppI18n('it'), router] } })
  const button = wrapper.find('[data-testid=new-due-menu]').element as HTMLButtonElement
  const list = document.getElementById(button.getAttribute('aria-controls')!)!
  return { router, button, list, link: () => list.querySelector('a')! }
}

describe('Inserisci dovuto', () => {
  it('is a closed disclosure button until asked, and its choice opens the wizard', async () => {
    const { router, button, list, link } = await mountMenu()
    expect(button.textContent).toContain('Inserisci dovuto')
    expect(button.getAttribute('aria-expanded')).toBe('false')
    expect(list.checkVisibility()).toBe(false)
    await userEvent.click(button)
    expect(button.getAttribute('aria-expanded')).toBe('true')
    expect(list.checkVisibility()).toBe(true)
    expect(link().textContent).toBe('Nuovo dovuto singolo')
    expect(link().getAttribute('aria-keyshortcuts')).toBe('Alt+2')
    await userEvent.click(link())
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('new'))
    await flushPromises()
    expect(button.getAttribute('aria-expanded')).toBe('false')
    expect(button.classList.contains('router-link-active')).toBe(true)
  })

  it('opens with ↓ on the first choice, and Esc closes it back on the button', async () => {
    const { button, list, link } = await mountMenu()
    button.focus()
    await userEvent.keyboard('{ArrowDown}')
    await flushPromises()
    expect(list.checkVisibility()).toBe(true)
    expect(document.activeElement).toBe(link())
    await userEvent.keyboard('{Escape}')
    await flushPromises()
    expect(list.checkVisibility()).toBe(false)
    expect(document.activeElement).toBe(button)
  })

  it('opens with Enter, and closes when the focus or a click goes elsewhere', async () => {
    const { button, list } = await mountMenu()
    button.focus()
    await userEvent.keyboard('{Enter}')
    await flushPromises()
    expect(list.checkVisibility()).toBe(true)
    await userEvent.tab()
    await userEvent.tab()
    expect(document.activeElement?.id).toBe('after')
    await flushPromises()
    expect(list.checkVisibility()).toBe(false)
    await userEvent.click(button)
    expect(list.checkVisibility()).toBe(true)
    await userEvent.click(document.getElementById('after')!)
    await flushPromises()
    expect(list.checkVisibility()).toBe(false)
  })
})
