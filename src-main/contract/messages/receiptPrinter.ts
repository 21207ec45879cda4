// issue 12: receiptPrinter
export const RECEIPT_PRINTER_MESSAGES = {
}
