import type { RECEIPT_PRINTER_MESSAGES } from '@contract/messages/receiptPrinter'
import type { Catalog } from '@contract/messages'

export const RECEIPT_PRINTER_EN: Catalog<typeof RECEIPT_PRINTER_MESSAGES> = {
  name: {
    none: 'No receipt printer set up',
    serial: 'receipt printer on {path} ({baudRate} baud)',
    network: 'receipt printer {host}:{port}'
  },
  notConfigured: 'No receipt printer set up: choose one in Settings › Printing.',
  unreachable: 'The {printer} cannot be reached: {error}. Check that it is on and connected.',
  timeout: 'The {printer} does not answer: check that it is on, connected and has paper.',
  portBusy: 'Port {path} is already used by another program: close it and try again.',
  portMissing: 'Port {path} does not exist on this workstation: check the cable or choose another port.',
  reason: {
    refused: 'the printer refuses the connection (wrong port?)',
    hostUnreachable: 'no device answers at this address',
    unknownHost: 'unknown address',
    closed: 'the printer closed the connection',
    other: '{error}'
  },
  testSent: 'Test page sent to the {printer}: check that accented letters and the euro sign print correctly.',
  saved: 'Receipt printer saved: {printer}.',
  testPage: {
    title: 'Test print',
    date: 'Date: {date}',
    accents: 'Accented letters: àèéìòù €',
    columns: 'Characters per line: {columns}',
    end: 'End of test'
  },
  input: {
    path: 'choose the printer’s serial port',
    host: 'enter the printer’s address'
  }
}
