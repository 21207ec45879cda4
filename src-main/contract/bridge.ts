// What the preload needs, and nothing that pulls in zod: the sandboxed preload cannot require
// packages, and it only checks names; main validates every input in full.
import type { RpcResult } from './errors'

export const METHOD_NAMES = [
  'app.info',
  'app.status',
  'app.about',
  'sync.run',
  'auth.session',
  'auth.login',
  'auth.logout',
  'operators.list',
  'operators.save',
  'roles.get',
  'roles.save',
  'dues.search',
  'dues.count',
  'dues.exportCsv',
  'dues.get',
  'dues.prepare',
  'dues.create',
  'dues.update',
  'dues.delete',
  'dues.invalidate',
  'dues.registerPayment',
  'debtors.search',
  'debtors.import',
  'dueTypes.list',
  'dueTypes.save',
  'dueTypes.import',
  'dueTypes.export',
  'notices.pdf',
  'notices.print',
  'notices.printMany',
  'notices.email',
  'printers.list',
  'printers.choose',
  'pos.pay',
  'pos.resolve',
  'pos.settings',
  'pos.test',
  'pos.saveSettings',
  'pos.journal',
  'pos.receipt',
  'pos.printReceipt',
  'pos.closeDay',
  'pos.report',
  'privacy.settings',
  'privacy.saveSettings',
  'privacy.export',
  'privacy.erase',
  'mail.settings',
  'mail.saveSettings',
  'mail.verify',
  'backend.settings',
  'backend.save',
  'backend.test',
  'ente.get',
  'ente.save',
  'desk.get',
  'desk.save',
  'setup.demo',
  'setup.live',
  'setup.testBackend',
  'setup.testPos',
  'setup.printers',
  'debtors.get',
  'dues.updateDebtor',
  'receipts.ofDue',
  'receipts.pdf',
  'receipts.print',
  'receiptPrinter.settings',
  'receiptPrinter.save',
  'receiptPrinter.test',
  'till.day',
  'till.close',
  'till.closings',
  'till.report',
] as const
export type MethodName = (typeof METHOD_NAMES)[number]

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && (METHOD_NAMES as readonly string[]).includes(name)
}

/** The IPC channels; shared so preload and main cannot drift apart. */
export const IPC_INVOKE_CHANNEL = 'sportello:invoke'
export const IPC_EVENT_CHANNEL = 'sportello:event'

/** What the preload exposes on window.sportello. */
export interface PreloadBridge {
  invoke(method: string, input: unknown): Promise<RpcResult<unknown>>
  on(event: string, listener: (payload: unknown) => void): () => void
}
