import { createI18n } from 'vue-i18n'
import en from './en'
import it from './it'
import { useI18nForMessages } from './say'

export type Locale = 'it' | 'en'
const STORAGE_KEY = 'sportello.locale'

export function createAppI18n(locale?: Locale) {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null
  const i18n = createI18n({
    legacy: false,
    locale: locale ?? (saved === 'en' ? 'en' : 'it'),
    fallbackLocale: 'it',
    messages: { it, en }
  })
  useI18nForMessages(i18n as never)
  return i18n
}

export function rememberLocale(locale: Locale): void {
  localStorage.setItem(STORAGE_KEY, locale)
  document.documentElement.lang = locale
}
