// The desk's services: one slice per domain, put together by combine() (which refuses a method
// defined twice or by nobody). Who may call each method, and which ones change dues, is declared
// in the contract and enforced by the dispatcher: no handler checks it by hand.
import type { ServiceHandlers } from '../../contract/methods'
import { appServices } from './app'
import { authServices } from './auth'
import { combine } from './combine'
import type { ServiceContext } from './context'
import { debtorServices } from './debtors'
import { dueServices } from './dues'
import { noticeServices } from './notices'
import { posServices } from './pos'
import { privacyServices } from './privacy'
import { receiptServices } from './receipts'
import { receiptPrinterServices } from './receipt-printer'
import { settingsServices } from './settings'
import { tillServices } from './till'
import { SETUP_METHODS_AFTER_START } from './setup-services'

export type { ServiceContext } from './context'

export function createServices(ctx: ServiceContext): ServiceHandlers {
  return combine(
    appServices(ctx),
    authServices(ctx),
    dueServices(ctx),
    noticeServices(ctx),
    posServices(ctx),
    privacyServices(ctx),
    settingsServices(ctx),
    debtorServices(ctx),
    receiptServices(ctx),
    receiptPrinterServices(ctx),
    tillServices(ctx),
    SETUP_METHODS_AFTER_START
  )
}
