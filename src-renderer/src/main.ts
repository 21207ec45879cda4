import '@fontsource/titillium-web/400.css'
import '@fontsource/titillium-web/600.css'
import '@fontsource/titillium-web/700.css'
import '@fontsource/roboto-mono/400.css'
import 'bootstrap-italia/dist/css/bootstrap-italia.min.css'
import './styles.css'
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import { createClient, detectTransport } from './api/client'
import { CLIENT_KEY } from './api/inject'
import App from './App.vue'
import { createAppI18n } from './i18n'
import { createAppRouter } from './router'

const i18n = createAppI18n()
document.documentElement.lang = i18n.global.locale.value

createApp(App)
  .use(createPinia())
  .use(createAppRouter())
  .use(i18n)
  .provide(CLIENT_KEY, createClient(detectTransport()))
  .mount('#app')
