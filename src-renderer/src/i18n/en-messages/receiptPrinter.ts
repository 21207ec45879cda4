import type { RECEIPT_PRINTER_MESSAGES } from '@contract/messages/receiptPrinter'
import type { Catalog } from '@contract/messages'

export const RECEIPT_PRINTER_EN: Catalog<typeof RECEIPT_PRINTER_MESSAGES> = {
}
