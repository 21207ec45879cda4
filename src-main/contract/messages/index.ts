// Every sentence the services say to an operator, by code. The Italian text lives here once: the
// services format it for the CLI, logs and the `message` of an error, and the renderer's Italian
// locale is this same catalog; the English locale translates each code (src-renderer/src/i18n).
// Templates use vue-i18n's syntax: `{name}` for a parameter, `{'@'}` for a literal @ or |.
import { APP_MESSAGES } from './app'
import { AUTH_MESSAGES } from './auth'
import { DUE_MESSAGES } from './dues'
import { INPUT_MESSAGES } from './input'
import { MAIL_MESSAGES } from './mail'
import { NOTICES_MESSAGES } from './notices'
import { PAGOPA_MESSAGES } from './pagopa'
import { POS_MESSAGES } from './pos'
import { SETTINGS_MESSAGES } from './settings'
import { SYNC_MESSAGES } from './sync'
import { DEBTORS_MESSAGES } from './debtors'
import { RECEIPTS_MESSAGES } from './receipts'
import { RECEIPT_PRINTER_MESSAGES } from './receiptPrinter'
import { TILL_MESSAGES } from './till'

export const MESSAGES = {
  app: APP_MESSAGES,
  auth: AUTH_MESSAGES,
  dues: DUE_MESSAGES,
  input: INPUT_MESSAGES,
  mail: MAIL_MESSAGES,
  notices: NOTICES_MESSAGES,
  pagopa: PAGOPA_MESSAGES,
  pos: POS_MESSAGES,
  settings: SETTINGS_MESSAGES,
  sync: SYNC_MESSAGES,
  debtors: DEBTORS_MESSAGES,
  receipts: RECEIPTS_MESSAGES,
  receiptPrinter: RECEIPT_PRINTER_MESSAGES,
  till: TILL_MESSAGES
}

/** A catalog's shape with its sentences as plain strings: what every locale must provide. */
export type Catalog<T> = { [K in keyof T]: T[K] extends string ? string : Catalog<T[K]> }
type Leaves<T, P extends string = ''> = { [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`> }[keyof T & string]

/** "dues.notFound", "auth.permission.dues.create", … */
export type MessageKey = Leaves<typeof MESSAGES>
export type MessageParam = string | number | Message
export type MessageParams = Record<string, MessageParam>

/** A sentence for the operator as data: its code and parameters, translated where it is shown. */
export interface Message {
  key: MessageKey
  params?: MessageParams
}

export function message(key: MessageKey, params?: MessageParams): Message {
  return params ? { key, params } : { key }
}

function lookup(key: string): string | undefined {
  let node: unknown = MESSAGES
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined
    node = (node as Record<string, unknown>)[part]
  }
  return typeof node === 'string' ? node : undefined
}

export function isMessageKey(key: unknown): key is MessageKey {
  return typeof key === 'string' && lookup(key) !== undefined
}

export function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && isMessageKey((value as { key?: unknown }).key)
}

/** Fills a template: `{name}` from params, `{'x'}` as the literal x (vue-i18n's escape). */
export function fillTemplate(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{\s*(?:'([^']*)'|(\w+))\s*\}/g, (_all, literal: string | undefined, name: string | undefined) =>
    literal !== undefined ? literal : name !== undefined && name in params ? String(params[name]) : `{${name}}`
  )
}

/** The Italian sentence: for the CLI, logs, and the `message` every error still carries. */
export function italian(m: Message | MessageKey, params?: MessageParams): string {
  const msg = typeof m === 'string' ? message(m, params) : m
  const flat: Record<string, string | number> = {}
  for (const [name, value] of Object.entries(msg.params ?? {})) flat[name] = typeof value === 'object' ? italian(value) : value
  return fillTemplate(lookup(msg.key) ?? msg.key, flat)
}

/** Every key of the catalog, for tests and tools. */
export function messageKeys(node: unknown = MESSAGES, prefix = ''): MessageKey[] {
  return Object.entries(node as Record<string, unknown>).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}` as MessageKey] : messageKeys(v, `${prefix}${k}.`)
  )
}
