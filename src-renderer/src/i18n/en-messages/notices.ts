import type { NOTICES_MESSAGES } from '@contract/messages/notices'
import type { Catalog } from '@contract/messages'

export const NOTICES_EN: Catalog<typeof NOTICES_MESSAGES> = {
  enteMissing: 'Ente not configured: enter the ente’s details before printing notices.',
  dueNotFound: 'Due {iupd} not found.',
  alreadyPaid: 'The due has already been paid: there is no notice to print.',
  cancelled: 'The due has been cancelled: there is no notice to print.',
  nothingToPay: 'No installment of this due is still to be paid.',
  logoUnreadable: 'The ente’s logo cannot be read: {path}',
  printFailedDetail: '{detail}',
  printing: {
    noPrinterChosen: 'No printer chosen for this desk: choose one in Settings › Printing.',
    cupsUnavailable: 'The print service (CUPS) is not available on this workstation.',
    noPrinters: 'No printer is set up on this workstation.',
    printerMissing: 'The printer "{printer}" does not exist on this workstation.',
    printerMissingAmong: 'The printer "{printer}" does not exist on this workstation. Available printers: {printers}.',
    printerPaused: 'The printer "{printer}" is paused or offline: resume it and try again.',
    refused: 'The printer "{printer}" did not accept the job: {detail}.',
    refusedUnknown: 'The printer "{printer}" did not accept the job: unknown error.',
    failed: 'Printing on "{printer}" failed: {detail}'
  }
}
