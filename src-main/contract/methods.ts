// The one service contract: every method the renderer may call, with the schema its input must
// satisfy and the type of its result. Main validates inputs against these schemas; preload and
// renderer use the names and types. Results are JSON-safe (no Date, Map, Buffer, undefined-only
// fields) so that IPC and HTTP deliver the same data.
import { z } from 'zod'
import type { Message } from './messages'
import { DeskSaveInput, type AboutInfo, type AppInfo, type AppStatus, type DeskInfo, type SyncRunResult } from './app'
import { SetupBackendTestInput, SetupLiveInput } from './setup'
import { DebtorGetInput } from './debtor-records'
import type { MethodName } from './bridge'
import {
  EnteSaveInput,
  type EnteInfo,
  EmailInput,
  NoticeInput,
  PrintInput,
  PrintManyInput,
  SmtpSettingsInput,
  type MailSettingsInfo,
  type PrinterListing,
  DebtorSearchInput,
  DueTypeInput,
  IupdInput,
  LoginInput,
  OperatorInput,
  PrepareDueInput,
  RegistryImportInput,
  RolesInput,
  type DebtorInfo,
  type DueDetail,
  type DueTypeInfo,
  type OperatorInfo,
  type Permission,
  type PreparedCodes,
  type RegistryImportResult,
  type Session
} from './desk'
import {
  PosEntryInput,
  PosPayInput,
  PosReportInput,
  PosResolveInput,
  PosSettingsSchema,
  type PosClosureInfo,
  type PosJournalInfo,
  type PosOutcomeInfo,
  type PosSettingsInfo,
  type PosTestResult
} from './pos'
import { BackendSaveInput, BackendTestInput, type BackendSettingsInfo } from './backend'
import { ReceiptPrinterSettingsSchema, type ReceiptPrinterSettingsInfo, type ReceiptPrinterTestResult } from './receipt-printer'
import { UpdateDebtorInput } from './debtor-correction'
import { PrivacyCitizenInput, PrivacySettingsInput, type PrivacyErasure, type PrivacySettingsInfo } from './privacy'
import { ReceiptIdInput, ReceiptPrintInput, type ReceiptInfo } from './receipts'
import { CloseDueInput, DueFilters, NewDueInput, RegisterPaymentInput, SearchDuesInput, UpdateDueInput, type DueCount, type SearchDuesResult } from './dues'
import { TillCloseInput, TillDayInput, TillReportInput, type TillClosingInfo, type TillDayInfo } from './till'

/**
 * Who may call a method: anyone (the sign-in screen, the first-run screen), any signed-in
 * operator, or an operator whose role has the permission. The dispatcher enforces it; no handler
 * checks it by hand.
 */
export type Access = 'public' | 'signedIn' | Permission

interface MethodSpec<I extends z.ZodType, O> {
  input: I
  access: Access
  /** Changes dues: after success the dispatcher tells the desk (status pushed, outbox sent). */
  writes: boolean
  /** Phantom: carries the result type, never read at run time. */
  output?: O
}
const WRITES = true
function method<O>() {
  return <I extends z.ZodType>(input: I, access: Access, writes = false): MethodSpec<I, O> => ({ input, access, writes })
}

const NoInput = z.object({}).strict()

export const METHODS = {
  'app.info': method<AppInfo>()(NoInput, 'public'),
  'app.status': method<AppStatus>()(NoInput, 'public'),
  'app.about': method<AboutInfo>()(NoInput, 'signedIn'),
  'sync.run': method<SyncRunResult>()(z.object({ full: z.boolean().default(false) }).strict(), 'signedIn'),
  'auth.session': method<Session>()(NoInput, 'public'),
  'auth.login': method<Session>()(LoginInput, 'public'),
  'auth.logout': method<Session>()(NoInput, 'public'),
  'operators.list': method<OperatorInfo[]>()(NoInput, 'settings.manage'),
  'operators.save': method<OperatorInfo>()(OperatorInput, 'settings.manage'),
  'roles.get': method<Record<string, Permission[]>>()(NoInput, 'signedIn'),
  'roles.save': method<Record<string, Permission[]>>()(RolesInput, 'settings.manage'),
  'dues.search': method<SearchDuesResult>()(SearchDuesInput, 'signedIn'),
  'dues.count': method<DueCount>()(DueFilters, 'signedIn'),
  'dues.exportCsv': method<{ filename: string; content: string; rows: number }>()(DueFilters.extend({ iupds: z.array(z.string().max(60)).max(10_000).optional() }), 'dues.export'),
  'dues.get': method<DueDetail>()(IupdInput, 'signedIn'),
  'dues.prepare': method<PreparedCodes>()(PrepareDueInput, 'dues.create'),
  'dues.create': method<{ iupd: string }>()(NewDueInput, 'dues.create', WRITES),
  'dues.update': method<DueDetail>()(UpdateDueInput, 'dues.edit', WRITES),
  'dues.delete': method<{ removedLocallyOnly: boolean }>()(CloseDueInput, 'dues.delete', WRITES),
  'dues.invalidate': method<DueDetail>()(CloseDueInput, 'dues.delete', WRITES),
  'dues.registerPayment': method<DueDetail>()(RegisterPaymentInput, 'dues.registerPayment', WRITES),
  'debtors.search': method<DebtorInfo[]>()(DebtorSearchInput, 'signedIn'),
  'debtors.import': method<RegistryImportResult>()(RegistryImportInput, 'settings.manage'),
  'dueTypes.list': method<DueTypeInfo[]>()(NoInput, 'signedIn'),
  'dueTypes.save': method<DueTypeInfo>()(DueTypeInput, 'settings.manage'),
  'dueTypes.import': method<{ imported: number }>()(z.object({ json: z.string().max(5_000_000) }), 'settings.manage'),
  'dueTypes.export': method<{ json: string }>()(NoInput, 'signedIn'),
  'notices.pdf': method<{ filename: string; base64: string }>()(NoticeInput, 'signedIn'),
  'notices.print': method<{ printer: string; jobId: string }>()(PrintInput, 'notices.print'),
  'notices.printMany': method<{ printed: number; failed: { iupd: string; message: Message }[] }>()(PrintManyInput, 'notices.print'),
  'notices.email': method<{ to: string }>()(EmailInput, 'notices.email'),
  'printers.list': method<PrinterListing>()(NoInput, 'signedIn'),
  'printers.choose': method<PrinterListing>()(z.object({ name: z.string().min(1).max(200) }), 'settings.manage'),
  'pos.pay': method<PosOutcomeInfo>()(PosPayInput, 'pos.pay', WRITES),
  'pos.resolve': method<PosOutcomeInfo>()(PosResolveInput, 'pos.pay', WRITES),
  'pos.settings': method<PosSettingsInfo>()(NoInput, 'signedIn'),
  'pos.test': method<PosTestResult>()(PosSettingsSchema, 'settings.manage'),
  'pos.saveSettings': method<PosSettingsInfo>()(PosSettingsSchema, 'settings.manage', WRITES),
  'pos.journal': method<PosJournalInfo>()(NoInput, 'till.use'),
  'pos.receipt': method<{ filename: string; base64: string }>()(PosEntryInput, 'signedIn'),
  'pos.printReceipt': method<{ printer: string; jobId: string }>()(PosEntryInput, 'notices.print'),
  'pos.closeDay': method<PosClosureInfo>()(NoInput, 'till.use'),
  'pos.report': method<{ filename: string; base64: string }>()(PosReportInput, 'till.use'),
  'privacy.settings': method<PrivacySettingsInfo>()(NoInput, 'signedIn'),
  'privacy.saveSettings': method<PrivacySettingsInfo>()(PrivacySettingsInput, 'settings.manage'),
  'privacy.export': method<{ filename: string; json: string }>()(PrivacyCitizenInput, 'settings.manage'),
  'privacy.erase': method<PrivacyErasure>()(PrivacyCitizenInput, 'settings.manage', WRITES),
  'mail.settings': method<MailSettingsInfo>()(NoInput, 'signedIn'),
  'mail.saveSettings': method<MailSettingsInfo>()(z.object({ settings: SmtpSettingsInput, password: z.string().max(500).nullable().optional() }), 'settings.manage'),
  'mail.verify': method<{ ok: true }>()(NoInput, 'settings.manage'),
  'backend.settings': method<BackendSettingsInfo>()(NoInput, 'signedIn'),
  'backend.save': method<BackendSettingsInfo>()(BackendSaveInput, 'settings.manage'),
  'backend.test': method<{ ok: boolean; message: Message }>()(BackendTestInput, 'settings.manage'),
  'ente.get': method<EnteInfo>()(NoInput, 'signedIn'),
  'ente.save': method<EnteInfo>()(EnteSaveInput, 'settings.manage'),
  'desk.get': method<DeskInfo>()(NoInput, 'signedIn'),
  'desk.save': method<DeskInfo>()(DeskSaveInput, 'settings.manage', WRITES),
  'setup.demo': method<Session>()(NoInput, 'public'),
  'setup.live': method<Session>()(SetupLiveInput, 'public'),
  'setup.testBackend': method<{ ok: boolean; message: Message }>()(SetupBackendTestInput, 'public'),
  'setup.testPos': method<PosTestResult>()(PosSettingsSchema, 'public'),
  'setup.printers': method<PrinterListing>()(NoInput, 'public'),
  'debtors.get': method<{ debtor: DebtorInfo | null }>()(DebtorGetInput, 'signedIn'),
  'dues.updateDebtor': method<DueDetail>()(UpdateDebtorInput, 'dues.edit', WRITES),
  'receipts.ofDue': method<ReceiptInfo[]>()(IupdInput, 'signedIn'),
  'receipts.pdf': method<{ filename: string; base64: string; copy: boolean }>()(ReceiptIdInput, 'signedIn'),
  'receipts.print': method<{ printer: string; jobId: string; copy: boolean; receipt: ReceiptInfo }>()(ReceiptPrintInput, 'notices.print'),
  'receiptPrinter.settings': method<ReceiptPrinterSettingsInfo>()(NoInput, 'signedIn'),
  'receiptPrinter.save': method<ReceiptPrinterSettingsInfo>()(ReceiptPrinterSettingsSchema, 'settings.manage'),
  'receiptPrinter.test': method<ReceiptPrinterTestResult>()(ReceiptPrinterSettingsSchema, 'settings.manage'),
  'till.day': method<TillDayInfo>()(TillDayInput, 'till.use'),
  'till.close': method<TillClosingInfo>()(TillCloseInput, 'till.use'),
  'till.closings': method<TillClosingInfo[]>()(NoInput, 'till.use'),
  'till.report': method<{ filename: string; base64: string }>()(TillReportInput, 'till.use'),
} as const satisfies Record<MethodName, MethodSpec<z.ZodType, unknown>>

// METHOD_NAMES (bridge.ts) and METHODS must list the same methods: this fails to compile otherwise.
type ExtraMethods = Exclude<keyof typeof METHODS, MethodName>
const exactlyTheNamedMethods: ExtraMethods extends never ? true : never = true
void exactlyTheNamedMethods

export { isMethodName, METHOD_NAMES, type MethodName } from './bridge'

export type MethodInput<M extends MethodName> = z.input<(typeof METHODS)[M]['input']>
/** The input after validation and defaults, as the services receive it. */
export type MethodParsedInput<M extends MethodName> = z.output<(typeof METHODS)[M]['input']>
export type MethodOutput<M extends MethodName> = NonNullable<(typeof METHODS)[M]['output']>

/** What the renderer calls: one async function per method. */
export type ServiceApi = {
  [M in MethodName]: (input?: MethodInput<M>) => Promise<MethodOutput<M>>
}

/** What main implements: handlers receive validated input. */
export type ServiceHandlers = {
  [M in MethodName]: (input: MethodParsedInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>>
}
