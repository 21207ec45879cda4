// The English of every sentence the services say, one file per domain as in contract/messages.
// Typed by the Italian catalog: a key left untranslated does not compile.
import type { Catalog, MESSAGES } from '@contract/messages'
import { APP_EN } from './app'
import { AUTH_EN } from './auth'
import { DUES_EN } from './dues'
import { INPUT_EN } from './input'
import { MAIL_EN } from './mail'
import { NOTICES_EN } from './notices'
import { PAGOPA_EN } from './pagopa'
import { POS_EN } from './pos'
import { SETTINGS_EN } from './settings'
import { SYNC_EN } from './sync'
import { DEBTORS_EN } from './debtors'
import { RECEIPTS_EN } from './receipts'
import { RECEIPT_PRINTER_EN } from './receiptPrinter'
import { TILL_EN } from './till'

export const EN_MESSAGES: Catalog<typeof MESSAGES> = {
  app: APP_EN,
  auth: AUTH_EN,
  dues: DUES_EN,
  input: INPUT_EN,
  mail: MAIL_EN,
  notices: NOTICES_EN,
  pagopa: PAGOPA_EN,
  pos: POS_EN,
  settings: SETTINGS_EN,
  sync: SYNC_EN,
  debtors: DEBTORS_EN,
  receipts: RECEIPTS_EN,
  receiptPrinter: RECEIPT_PRINTER_EN,
  till: TILL_EN
}
