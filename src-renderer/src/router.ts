import type { Component } from 'vue'
import { createRouter, createWebHashHistory, type RouteLocationNormalized } from 'vue-router'
import DueView from './views/DueView.vue'
import LoginView from './views/LoginView.vue'
import NewDueView from './views/NewDueView.vue'
import SearchView from './views/SearchView.vue'
import SettingsView from './views/SettingsView.vue'
import TillView from './views/TillView.vue'
import HelpView from './views/HelpView.vue'
import AboutView from './views/AboutView.vue'
import SetupView from './views/SetupView.vue'
import BackendSettings from './components/settings/BackendSettings.vue'
import DeskSettings from './components/settings/DeskSettings.vue'
import DueTypesSettings from './components/settings/DueTypesSettings.vue'
import EnteSettings from './components/settings/EnteSettings.vue'
import MailSettings from './components/settings/MailSettings.vue'
import OperatorsSettings from './components/settings/OperatorsSettings.vue'
import PosSettings from './components/settings/PosSettings.vue'
import PrintingSettings from './components/settings/PrintingSettings.vue'
import PrivacySettings from './components/settings/PrivacySettings.vue'
import RegistrySettings from './components/settings/RegistrySettings.vue'
import RolesSettings from './components/settings/RolesSettings.vue'
import { SETTINGS_TABS, settingsRouteName, type SettingsTab } from './components/settings/settings'

const SETTINGS_COMPONENTS: Record<SettingsTab, Component> = {
  ente: EnteSettings, desk: DeskSettings, types: DueTypesSettings, operators: OperatorsSettings, roles: RolesSettings, registry: RegistrySettings,
  printing: PrintingSettings, mail: MailSettings, pos: PosSettings, backend: BackendSettings, privacy: PrivacySettings
}

/** Moving between the child routes of one page (the tabs of Impostazioni) keeps the scroll position. */
const sameParent = (to: RouteLocationNormalized, from: RouteLocationNormalized) => to.matched.length > 1 && to.matched[0] === from.matched[0]

// Hash history: the same URLs work from file:// in Electron and from the browser host.
export function createAppRouter() {
  return createRouter({
    history: createWebHashHistory(),
    routes: [
      { path: '/', name: 'search', component: SearchView, meta: { title: 'search.title' } },
      // ?avviso=NAV: opened from a notice number or a scanned code, that installment is the citizen's.
      { path: '/dovuti/:iupd', name: 'due', component: DueView, props: (route) => ({ iupd: String(route.params.iupd), avviso: typeof route.query.avviso === 'string' ? route.query.avviso : undefined }), meta: { title: 'due.title' } },
      { path: '/configurazione', name: 'setup', component: SetupView, meta: { title: 'setup.title', public: true, setup: true } },
      { path: '/nuovo', name: 'new', component: NewDueView, meta: { title: 'wizard.title' } },
      { path: '/cassa', name: 'till', component: TillView, meta: { title: 'till.title' } },
      { path: '/guida', name: 'help', component: HelpView, meta: { title: 'help.title' } },
      { path: '/informazioni', name: 'about', component: AboutView, meta: { title: 'about.title' } },
      // Impostazioni: one child route per tab, /impostazioni/<tab> named settings-<tab>; 'settings' opens the first.
      {
        path: '/impostazioni',
        name: 'settings',
        component: SettingsView,
        redirect: { name: settingsRouteName(SETTINGS_TABS[0].name) },
        meta: { title: 'settings.title' },
        children: SETTINGS_TABS.map((tab) => ({ path: tab.path, name: settingsRouteName(tab.name), component: SETTINGS_COMPONENTS[tab.name] }))
      },
      { path: '/accesso', name: 'login', component: LoginView, meta: { title: 'login.title', public: true } }
    ],
    scrollBehavior: (to, from) => (sameParent(to, from) ? false : { top: 0 })
  })
}
