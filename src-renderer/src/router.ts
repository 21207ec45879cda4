import { createRouter, createWebHashHistory } from 'vue-router'
import DueView from './views/DueView.vue'
import LoginView from './views/LoginView.vue'
import NewDueView from './views/NewDueView.vue'
import SearchView from './views/SearchView.vue'
import SettingsView from './views/SettingsView.vue'
import TillView from './views/TillView.vue'
import HelpView from './views/HelpView.vue'
import AboutView from './views/AboutView.vue'
import SetupView from './views/SetupView.vue'

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
      { path: '/impostazioni', name: 'settings', component: SettingsView, meta: { title: 'settings.title' } },
      { path: '/accesso', name: 'login', component: LoginView, meta: { title: 'login.title', public: true } }
    ],
    scrollBehavior: () => ({ top: 0 })
  })
}
