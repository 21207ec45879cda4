import { createI18n } from 'vue-i18n'
import en from './en'
import it from './it'

export type Locale = 'it' | 'en'
const STORAGE_KEY = 'sportello.locale'

export function createAppI18n(locale?: Locale) {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null
  return createI18n({
    legacy: false,
    locale: locale ?? (saved === 'en' ? 'en' : 'it'),
    fallbackLocale: 'it',
    messages: { it, en }
  })
}

export function rememberLocale(locale: Locale): void {
  localStorage.setItem(STORAGE_KEY, locale)
  document.documentElement.lang = locale
}
