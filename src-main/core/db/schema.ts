// The local cache. Tables follow the GPD data model (debt position → payment options → transfers)
// so that a position fetched from the backend maps onto rows without translation; money is in
// integer euro cents and dates are ISO strings (yyyy-mm-dd or full date-time, as GPD sends them).
import { sql } from 'drizzle-orm'
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { DESK_PAYMENT_CHANNELS, POSITION_STATUSES } from '../../contract/dues'
import { OPTION_STATUSES, SYNC_STATES } from '../../contract/desk'
import { POS_JOURNAL_STATES } from '../../contract/pos'

const timestamp = (name: string) =>
  text(name)
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`)

export const dueTypes = sqliteTable('due_types', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  code: text('code').notNull().unique(),
  label: text('label').notNull(),
  taxonomyCode: text('taxonomy_code').notNull(),
  iban: text('iban'),
  postalIban: text('postal_iban'),
  postalAccount: text('postal_account'),
  defaultAmountCents: integer('default_amount_cents'),
  causaleTemplate: text('causale_template').notNull().default(''),
  installmentsAllowed: integer('installments_allowed', { mode: 'boolean' }).notNull().default(false),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: timestamp('created_at')
})

/** Citizens and companies the desk knows: from synced positions and from the ente's registry. */
export const debtors = sqliteTable(
  'debtors',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    type: text('type', { enum: ['F', 'G'] }).notNull(),
    fiscalCode: text('fiscal_code').notNull().unique(),
    surname: text('surname'),
    givenName: text('given_name'),
    fullName: text('full_name').notNull(),
    streetName: text('street_name'),
    civicNumber: text('civic_number'),
    postalCode: text('postal_code'),
    city: text('city'),
    province: text('province'),
    country: text('country'),
    email: text('email'),
    phone: text('phone'),
    source: text('source', { enum: ['sync', 'registry', 'manual', 'demo'] }).notNull(),
    updatedAt: timestamp('updated_at'),
    /** When each field's value was true at its source (issue 12, migration 0009): see core/debtors/records.ts. */
    fieldDatesJson: text('field_dates_json').notNull().default('{}')
  },
  // No index on the names (migration 0013 dropped three): the search goes through debtors_fts
  // and sorts its matches, so none was read by any query; the fiscal code's unique index stays.
)

/**
 * GPD's companyName and officeName of positions, each pair stored once (migration 0013): a cache
 * holds one ente's dues, so every position had the same two texts. Kept exactly as written, never
 * taken from the ente's settings later. Added by db/position-issuers.ts, never changed.
 */
export const positionIssuers = sqliteTable(
  'position_issuers',
  {
    id: integer('id').primaryKey(),
    companyName: text('company_name').notNull(),
    officeName: text('office_name')
  },
  (t) => [index('position_issuers_values_idx').on(t.companyName, t.officeName)]
)

/**
 * Positions. Their words and filter tokens are indexed by positions_fts, whose content is the
 * positions_search view (migration 0015): debtor name, causale, and search_facets (status, due
 * type, due month as tokens; dues/search-facets.ts). The view and the index are SQL only.
 */
export const positions = sqliteTable(
  'positions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    iupd: text('iupd').notNull().unique(),
    dueTypeId: integer('due_type_id').references(() => dueTypes.id),
    status: text('status', { enum: POSITION_STATUSES }).notNull(),
    // Debtor as GPD holds it on the position: a snapshot, kept even if the registry changes later.
    debtorType: text('debtor_type', { enum: ['F', 'G'] }).notNull(),
    debtorFiscalCode: text('debtor_fiscal_code').notNull(),
    debtorName: text('debtor_name').notNull(),
    debtorStreetName: text('debtor_street_name'),
    debtorCivicNumber: text('debtor_civic_number'),
    debtorPostalCode: text('debtor_postal_code'),
    debtorCity: text('debtor_city'),
    debtorProvince: text('debtor_province'),
    debtorRegion: text('debtor_region'),
    debtorCountry: text('debtor_country'),
    debtorEmail: text('debtor_email'),
    debtorPhone: text('debtor_phone'),
    /** The ente's name and office as the position gives them, stored once (position_issuers, migration 0013). */
    issuerId: integer('issuer_id').references(() => positionIssuers.id),
    causale: text('causale').notNull(),
    /** What the citizen owes in full: the single option, or the sum of the installments. */
    amountCents: integer('amount_cents').notNull(),
    /** Earliest due date of the open options (yyyy-mm-dd): what the desk sorts and filters on. */
    dueDate: text('due_date').notNull(),
    switchToExpired: integer('switch_to_expired', { mode: 'boolean' }).notNull().default(false),
    payStandIn: integer('pay_stand_in', { mode: 'boolean' }).notNull().default(true),
    // GPD's validityDate and publishDate and the ente's fiscal code are not kept: nothing read them
    // (migration 0013). Every GPD call names the ente already.
    insertedAt: text('inserted_at'),
    lastUpdatedAt: text('last_updated_at'),
    paidAt: text('paid_at'),
    origin: text('origin', { enum: ['local', 'backend', 'demo'] }).notNull(),
    /** 'synced' once the backend holds this version; 'pending' while changes wait in the outbox. */
    syncState: text('sync_state', { enum: SYNC_STATES }).notNull().default('synced'),
    /** When the cache first wrote a position that has no inserted_at (created here, not sent yet): what the due's page shows then. NULL otherwise (migration 0013). */
    createdAt: text('created_at')
  },
  (t) => [
    index('positions_status_due_idx').on(t.status, t.dueDate),
    index('positions_due_idx').on(t.dueDate),
    index('positions_debtor_cf_idx').on(t.debtorFiscalCode),
    index('positions_type_idx').on(t.dueTypeId),
    index('positions_paid_idx').on(t.paidAt),
    // One index per order Cerca dovuti offers, so a page is found by walking it (dues/search-plan.ts).
    index('positions_amount_idx').on(t.amountCents),
    index('positions_debtor_name_idx').on(t.debtorName),
    index('positions_inserted_idx').on(t.insertedAt)
  ]
)

export const paymentOptions = sqliteTable(
  'payment_options',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    positionId: integer('position_id')
      .notNull()
      .references(() => positions.id, { onDelete: 'cascade' }),
    iuv: text('iuv').notNull(),
    nav: text('nav').notNull(),
    amountCents: integer('amount_cents').notNull(),
    description: text('description').notNull(),
    dueDate: text('due_date').notNull(),
    retentionDate: text('retention_date'),
    isPartialPayment: integer('is_partial_payment', { mode: 'boolean' }).notNull(),
    /** 0 for the single payment ("rata unica"), 1..n for installments. */
    installmentNo: integer('installment_no').notNull().default(0),
    status: text('status', { enum: OPTION_STATUSES })
      .notNull()
      .default('PO_UNPAID'),
    paymentDate: text('payment_date'),
    paymentMethod: text('payment_method'),
    pspCompany: text('psp_company'),
    idReceipt: text('id_receipt'),
    feeCents: integer('fee_cents')
    // GPD's lastUpdatedDate of the option is not kept (migration 0013): the position's is what the desk shows.
  },
  (t) => [
    uniqueIndex('payment_options_iuv_uq').on(t.iuv),
    uniqueIndex('payment_options_nav_uq').on(t.nav),
    index('payment_options_position_idx').on(t.positionId)
  ]
)

/**
 * What transfers of many dues share, stored once (migration 0013): per due type, the same
 * taxonomy code, accounts and beneficiary on every row. Values are kept exactly as written, never
 * taken from the due type or the ente later. Written only through the `transfers` view's triggers.
 */
export const transferProfiles = sqliteTable(
  'transfer_profiles',
  {
    id: integer('id').primaryKey(),
    category: text('category').notNull(),
    iban: text('iban'),
    postalIban: text('postal_iban'),
    organizationFiscalCode: text('organization_fiscal_code'),
    companyName: text('company_name'),
    status: text('status', { enum: ['T_UNREPORTED', 'T_REPORTED'] }).notNull()
  },
  (t) => [index('transfer_profiles_values_idx').on(t.category, t.iban, t.postalIban, t.organizationFiscalCode, t.companyName, t.status)]
)

/**
 * The transfers as stored (WITHOUT ROWID, keyed by option: the key is the only lookup). The
 * remittance information is NULL when it is the option's description. Read and written through
 * the `transfers` view, never directly.
 */
export const transferRows = sqliteTable(
  'transfer_rows',
  {
    optionId: integer('option_id')
      .notNull()
      .references(() => paymentOptions.id, { onDelete: 'cascade' }),
    /** The order transfers of an option were written in (1..n). */
    seq: integer('seq').notNull(),
    idTransfer: text('id_transfer').notNull(),
    amountCents: integer('amount_cents').notNull(),
    profileId: integer('profile_id')
      .notNull()
      .references(() => transferProfiles.id),
    remittanceInformation: text('remittance_information')
  },
  (t) => [primaryKey({ columns: [t.optionId, t.seq] })]
)

/**
 * The transfers of an option as GPD models them. A view over transfer_rows and transfer_profiles
 * since migration 0013, with INSTEAD OF triggers: inserts, updates and deletes work as on a table
 * (statements that need no rowid: nothing refers to a transfer). The view also has `seq`, which
 * its insert trigger sets and readers need not name: the view lists an option's transfers in the
 * order they were written, as the table's rowid did. Status defaults to T_UNREPORTED there.
 */
export const transfers = sqliteTable('transfers', {
  optionId: integer('option_id')
    .notNull()
    .references(() => paymentOptions.id, { onDelete: 'cascade' }),
  idTransfer: text('id_transfer').notNull(),
  amountCents: integer('amount_cents').notNull(),
  category: text('category').notNull(),
  remittanceInformation: text('remittance_information').notNull(),
  iban: text('iban'),
  postalIban: text('postal_iban'),
  organizationFiscalCode: text('organization_fiscal_code'),
  companyName: text('company_name'),
  status: text('status', { enum: ['T_UNREPORTED', 'T_REPORTED'] }).notNull().default('T_UNREPORTED')
})

/** Collections registered at the desk (cash, cheque, transfer, POS), before and after the backend knows. */
export const deskPayments = sqliteTable(
  'desk_payments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    optionId: integer('option_id')
      .notNull()
      .references(() => paymentOptions.id),
    /** 'pos' is a card payment on a terminal not connected to the desk ("POS non collegato"); 'pos-integrato' went through the desk's terminal. */
    channel: text('channel', { enum: DESK_PAYMENT_CHANNELS }).notNull(),
    paidAt: text('paid_at').notNull(),
    amountCents: integer('amount_cents').notNull(),
    reference: text('reference'),
    operator: text('operator').notNull(),
    note: text('note'),
    createdAt: timestamp('created_at')
  },
  (t) => [index('desk_payments_option_idx').on(t.optionId)]
)

export const operators = sqliteTable('operators', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  role: text('role').notNull(),
  passwordHash: text('password_hash'),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: timestamp('created_at')
})

/** Who did what, when, with the state before and after. Entries are only ever appended. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: timestamp('at'),
    operator: text('operator').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityKey: text('entity_key').notNull(),
    beforeJson: text('before_json'),
    afterJson: text('after_json'),
    reason: text('reason'),
    prevHash: text('prev_hash'),
    hash: text('hash')
  },
  (t) => [index('audit_entity_idx').on(t.entity, t.entityKey)]
)

/** Local changes waiting to reach the backend, pushed in id order. */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    createdAt: timestamp('created_at'),
    operation: text('operation').notNull(),
    iupd: text('iupd').notNull(),
    payloadJson: text('payload_json').notNull(),
    state: text('state', { enum: ['pending', 'done', 'failed', 'conflict'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at'),
    lastError: text('last_error')
  },
  (t) => [index('outbox_state_idx').on(t.state, t.id)]
)

/** Cursors and timestamps of the sync engine. */
export const syncState = sqliteTable('sync_state', {
  key: text('key').primaryKey(),
  value: text('value').notNull()
})

/** Ente and desk settings, one JSON value per key. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  valueJson: text('value_json').notNull()
})

/**
 * Every card payment sent to a POS terminal, written before anything is sent and at every step
 * after, so a crash, a pulled cable or a power cut never loses a payment nor allows charging twice.
 */
export const posJournal = sqliteTable(
  'pos_journal',
  {
    id: text('id').primaryKey(),
    iupd: text('iupd').notNull(),
    nav: text('nav').notNull(),
    amountCents: integer('amount_cents').notNull(),
    terminalId: text('terminal_id').notNull(),
    /**
     * PosJournalState (contract/pos.ts): sending → approved | declined | not-sent | unknown;
     * unknown → approved | not-performed | uncertain (recovery); uncertain → resolved-approved |
     * resolved-not-performed (the operator, from the terminal's receipt).
     */
    state: text('state', { enum: POS_JOURNAL_STATES }).notNull(),
    /** The last result the terminal held before this payment (from G): how recovery tells old from new. */
    baselineStan: text('baseline_stan'),
    stan: text('stan'),
    authCode: text('auth_code'),
    pan: text('pan'),
    onlineId: text('online_id'),
    hostTime: text('host_time'),
    resultRaw: text('result_raw'),
    message: text('message'),
    operator: text('operator').notNull(),
    createdAt: timestamp('created_at'),
    updatedAt: text('updated_at').notNull(),
    /** The end-of-day closing whose report holds this operation; null until the terminal's session is closed. */
    closureId: integer('closure_id')
  },
  (t) => [index('pos_journal_iupd_idx').on(t.iupd), index('pos_journal_state_idx').on(t.state), index('pos_journal_closure_idx').on(t.closureId)]
)

/** End of day: the terminal's session closed (ECR17 C) and reconciled with the journal. */
export const posClosures = sqliteTable('pos_closures', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  closedAt: timestamp('closed_at'),
  terminalId: text('terminal_id').notNull(),
  operator: text('operator').notNull(),
  journalCents: integer('journal_cents').notNull(),
  journalCount: integer('journal_count').notNull(),
  terminalCents: integer('terminal_cents').notNull(),
  hostCents: integer('host_cents').notNull(),
  unresolved: integer('unresolved').notNull(),
  /** The other collections of the desk in the same period, per channel (JSON: {channel, count, cents}[]). */
  deskChannelsJson: text('desk_channels_json')
})

/**
 * Every IUV this cache has handed out (the wizard's reserved codes included): how the sync tells a
 * position this desk created from one another desk created with the same desk number.
 */
export const issuedIuvs = sqliteTable('issued_iuvs', {
  iuv: text('iuv').primaryKey(),
  issuedAt: timestamp('issued_at')
})

/**
 * Citizens whose data were erased from the cache on request (GDPR): only a hash of the fiscal code,
 * so that the sync does not bring their closed dues back, without keeping who they were.
 */
export const privacyErasures = sqliteTable('privacy_erasures', {
  fiscalCodeHash: text('fiscal_code_hash').primaryKey(),
  erasedAt: timestamp('erased_at')
})

/** Numbered receipts of desk payments (all channels): yearly, per desk, never repeated (see receipts/numbering). */
export const receipts = sqliteTable(
  'receipts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    year: integer('year').notNull(),
    deskNumber: integer('desk_number').notNull(),
    number: integer('number').notNull(),
    deskPaymentId: integer('desk_payment_id')
      .notNull()
      .references(() => deskPayments.id),
    issuedAt: text('issued_at').notNull(),
    operator: text('operator').notNull(),
    reprints: integer('reprints').notNull().default(0),
    /** The desk's name when the receipt was issued: a copy says what the original said. */
    deskName: text('desk_name').notNull().default(''),
    /** When the original was first printed or downloaded; every later output is a copy, counted in `reprints`. */
    printedAt: text('printed_at')
  },
  (t) => [uniqueIndex('receipts_number_idx').on(t.year, t.deskNumber, t.number), uniqueIndex('receipts_payment_idx').on(t.deskPaymentId)]
)

/** Receipt numbers reserved but never given to a payment (a crash, a restored backup), with why: the sequence stays auditable. */
export const receiptSkips = sqliteTable(
  'receipt_skips',
  {
    year: integer('year').notNull(),
    deskNumber: integer('desk_number').notNull(),
    number: integer('number').notNull(),
    reason: text('reason').notNull(),
    recordedAt: timestamp('recorded_at')
  },
  (t) => [primaryKey({ columns: [t.year, t.deskNumber, t.number] })]
)

// debtors.field_dates_json (in the debtors table above) and debtors_fts, the FTS5 index over the
// name and the fiscal code kept by triggers (migration 0009; virtual tables are not in this schema).

/**
 * The cash closings of the desk's days ("Chiusura di cassa"): never updated or deleted (triggers of
 * migration 0011). Each covers the desk payments after the previous closing's last one, up to its own.
 */
export const tillClosings = sqliteTable(
  'till_closings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The calendar day closed (Rome), yyyy-mm-dd: one closing per day. */
    day: text('day').notNull(),
    deskNumber: integer('desk_number'),
    operator: text('operator').notNull(),
    closedAt: timestamp('closed_at'),
    /** The last desk_payments.id covered (0 before any payment); later payments go to the next closing. */
    lastPaymentId: integer('last_payment_id').notNull(),
    /** The last pos_closures.id whose reconciliation this closing reports (0: none yet). */
    lastPosClosureId: integer('last_pos_closure_id').notNull(),
    paymentsCount: integer('payments_count').notNull(),
    totalCents: integer('total_cents').notNull(),
    floatCents: integer('float_cents').notNull(),
    expectedCashCents: integer('expected_cash_cents').notNull(),
    countedCents: integer('counted_cents').notNull(),
    differenceCents: integer('difference_cents').notNull(),
    note: text('note'),
    /** What the report prints, as it was at closing (JSON: totals, payments, the POS part). */
    totalsJson: text('totals_json').notNull()
  },
  (t) => [uniqueIndex('till_closings_day_idx').on(t.day)]
)
