import { createRouter, createWebHashHistory } from 'vue-router'
import SearchView from './views/SearchView.vue'

// Hash history: the same URLs work from file:// in Electron and from the browser host.
export function createAppRouter() {
  return createRouter({
    history: createWebHashHistory(),
    routes: [
      { path: '/', name: 'search', component: SearchView, meta: { title: 'search.title' } }
    ]
  })
}
