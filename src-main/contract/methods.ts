// The one service contract: every method the renderer may call, with the schema its input must
// satisfy and the type of its result. Main validates inputs against these schemas; preload and
// renderer use the names and types. Results are JSON-safe (no Date, Map, Buffer, undefined-only
// fields) so that IPC and HTTP deliver the same data.
import { z } from 'zod'
import { DeskSaveInput, type AboutInfo, type AppInfo, type AppStatus, type DeskInfo, type SyncRunResult } from './app'
import { SetupBackendTestInput, SetupLiveInput } from './setup'
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
import { PrivacyCitizenInput, PrivacySettingsInput, type PrivacyErasure, type PrivacySettingsInfo } from './privacy'
import { CloseDueInput, DueFilters, NewDueInput, RegisterPaymentInput, SearchDuesInput, UpdateDueInput, type SearchDuesResult } from './dues'

interface MethodSpec<I extends z.ZodType, O> {
  input: I
  /** Phantom: carries the result type, never read at run time. */
  output?: O
}
function method<O>() {
  return <I extends z.ZodType>(input: I): MethodSpec<I, O> => ({ input })
}

const NoInput = z.object({}).strict()

export const METHODS = {
  'app.info': method<AppInfo>()(NoInput),
  'app.status': method<AppStatus>()(NoInput),
  'app.about': method<AboutInfo>()(NoInput),
  'sync.run': method<SyncRunResult>()(z.object({ full: z.boolean().default(false) }).strict()),
  'auth.session': method<Session>()(NoInput),
  'auth.login': method<Session>()(LoginInput),
  'auth.logout': method<Session>()(NoInput),
  'operators.list': method<OperatorInfo[]>()(NoInput),
  'operators.save': method<OperatorInfo>()(OperatorInput),
  'roles.get': method<Record<string, Permission[]>>()(NoInput),
  'roles.save': method<Record<string, Permission[]>>()(RolesInput),
  'dues.search': method<SearchDuesResult>()(SearchDuesInput),
  'dues.exportCsv': method<{ filename: string; content: string; rows: number }>()(
    DueFilters.extend({ iupds: z.array(z.string().max(60)).max(10_000).optional() })
  ),
  'dues.get': method<DueDetail>()(IupdInput),
  'dues.prepare': method<PreparedCodes>()(PrepareDueInput),
  'dues.create': method<{ iupd: string }>()(NewDueInput),
  'dues.update': method<DueDetail>()(UpdateDueInput),
  'dues.delete': method<{ removedLocallyOnly: boolean }>()(CloseDueInput),
  'dues.invalidate': method<DueDetail>()(CloseDueInput),
  'dues.registerPayment': method<DueDetail>()(RegisterPaymentInput),
  'debtors.search': method<DebtorInfo[]>()(DebtorSearchInput),
  'debtors.import': method<RegistryImportResult>()(RegistryImportInput),
  'dueTypes.list': method<DueTypeInfo[]>()(NoInput),
  'dueTypes.save': method<DueTypeInfo>()(DueTypeInput),
  'dueTypes.import': method<{ imported: number }>()(z.object({ json: z.string().max(5_000_000) })),
  'dueTypes.export': method<{ json: string }>()(NoInput),
  'notices.pdf': method<{ filename: string; base64: string }>()(NoticeInput),
  'notices.print': method<{ printer: string; jobId: string }>()(PrintInput),
  'notices.printMany': method<{ printed: number; failed: { iupd: string; message: string }[] }>()(PrintManyInput),
  'notices.email': method<{ to: string }>()(EmailInput),
  'printers.list': method<PrinterListing>()(NoInput),
  'printers.choose': method<PrinterListing>()(z.object({ name: z.string().min(1).max(200) })),
  'pos.pay': method<PosOutcomeInfo>()(PosPayInput),
  'pos.resolve': method<PosOutcomeInfo>()(PosResolveInput),
  'pos.settings': method<PosSettingsInfo>()(NoInput),
  'pos.test': method<PosTestResult>()(PosSettingsSchema),
  'pos.saveSettings': method<PosSettingsInfo>()(PosSettingsSchema),
  'pos.journal': method<PosJournalInfo>()(NoInput),
  'pos.receipt': method<{ filename: string; base64: string }>()(PosEntryInput),
  'pos.printReceipt': method<{ printer: string; jobId: string }>()(PosEntryInput),
  'pos.closeDay': method<PosClosureInfo>()(NoInput),
  'pos.report': method<{ filename: string; base64: string }>()(PosReportInput),
  'privacy.settings': method<PrivacySettingsInfo>()(NoInput),
  'privacy.saveSettings': method<PrivacySettingsInfo>()(PrivacySettingsInput),
  'privacy.export': method<{ filename: string; json: string }>()(PrivacyCitizenInput),
  'privacy.erase': method<PrivacyErasure>()(PrivacyCitizenInput),
  'mail.settings': method<MailSettingsInfo>()(NoInput),
  'mail.saveSettings': method<MailSettingsInfo>()(z.object({ settings: SmtpSettingsInput, password: z.string().max(500).nullable().optional() })),
  'mail.verify': method<{ ok: true }>()(NoInput),
  'backend.settings': method<BackendSettingsInfo>()(NoInput),
  'backend.save': method<BackendSettingsInfo>()(BackendSaveInput),
  'backend.test': method<{ ok: boolean; message: string }>()(BackendTestInput),
  'ente.get': method<EnteInfo>()(NoInput),
  'ente.save': method<EnteInfo>()(EnteSaveInput),
  'desk.get': method<DeskInfo>()(NoInput),
  'desk.save': method<DeskInfo>()(DeskSaveInput),
  'setup.demo': method<Session>()(NoInput),
  'setup.live': method<Session>()(SetupLiveInput),
  'setup.testBackend': method<{ ok: boolean; message: string }>()(SetupBackendTestInput),
  'setup.testPos': method<PosTestResult>()(PosSettingsSchema),
  'setup.printers': method<PrinterListing>()(NoInput)
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
