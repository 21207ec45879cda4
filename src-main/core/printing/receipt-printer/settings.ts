// Where the receipt printer's settings live: the settings table, key 'receiptPrinter'. What was
// saved is read through the contract's schema, so a damaged value counts as no printer.
import { ReceiptPrinterSettingsSchema, type ReceiptPrinterSettings } from '../../../contract/receipt-printer'
import type { SettingsStore } from '../../settings/settings'

const KEY = 'receiptPrinter'

export function readReceiptPrinterSettings(settings: SettingsStore): ReceiptPrinterSettings {
  const parsed = ReceiptPrinterSettingsSchema.safeParse(settings.get<unknown>(KEY) ?? { mode: 'none' })
  return parsed.success ? parsed.data : { mode: 'none' }
}

export function saveReceiptPrinterSettings(settings: SettingsStore, value: ReceiptPrinterSettings): void {
  settings.set(KEY, value)
}
