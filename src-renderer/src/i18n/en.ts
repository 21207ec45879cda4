import type it from './it'

const en: typeof it = {
  app: {
    name: 'Sportello Dovuti',
    skipToContent: 'Skip to main content',
    operator: 'Operator',
    language: 'Language',
    demo: 'Demo data',
    loadError: 'Cannot reach the application services: {message}'
  },
  status: {
    sync: 'Synchronisation',
    syncLocal: 'Local cache only',
    syncOnline: 'Online',
    syncOffline: 'Offline',
    syncSyncing: 'Synchronising',
    pending: 'no pending changes | 1 pending change | {n} pending changes',
    conflicts: '1 change refused by the backend | {n} changes refused by the backend',
    syncNow: 'Sync now',
    syncRunning: 'Synchronising…',
    progress: '{message} ({done} of {total}) · {positions} positions',
    backend: 'Backend: {name}',
    lastSync: 'Last update: {when}',
    neverSynced: 'Never synchronised',
    pos: 'POS',
    posVirtual: 'Virtual terminal',
    posNotConfigured: 'Not configured',
    posReady: 'Ready',
    posBusy: 'Busy',
    posOffline: 'Unreachable',
    cached: 'Dues in cache: {n}'
  },
  nav: {
    search: 'Search dues'
  },
  search: {
    title: 'Search dues',
    label: 'Search by name, fiscal code, IUV, notice number, IUPD or description',
    placeholder: 'E.g. Rossi, RSSMRA80A01H501U, 3010 0000 0000 0001 44',
    hint: 'Press / to return to the search box. Notice numbers may be typed with or without spaces.',
    submit: 'Search',
    clear: 'Clear',
    statusFilter: 'Status',
    statusAll: 'All',
    statusPending: 'To be paid',
    statusPaid: 'Paid',
    results: 'No dues found | 1 due found | {n} dues found',
    matchedBy: {
      all: '',
      noticeNumber: 'by notice number',
      iuv: 'by IUV',
      fiscalCode: 'by fiscal code',
      iupd: 'by IUPD',
      text: 'by name or description'
    },
    loading: 'Searching…',
    empty: 'No due matches the search. Check the text or choose “All” statuses.',
    tableCaption: 'Dues found, page {page} of {pages}',
    columns: {
      noticeNumber: 'Notice number',
      debtor: 'Debtor',
      type: 'Type',
      causale: 'Description',
      amount: 'Amount',
      dueDate: 'Due date',
      status: 'Status'
    },
    installments: 'in {n} installments',
    paidOn: 'paid on {date}'
  },
  pager: {
    label: 'Result pages',
    previous: 'Previous page',
    next: 'Next page',
    page: 'Page {page} of {pages}'
  },
  statuses: {
    DRAFT: 'Draft',
    PUBLISHED: 'Published',
    VALID: 'To be paid',
    INVALID: 'Cancelled',
    EXPIRED: 'Expired',
    PARTIALLY_PAID: 'Partly paid',
    PAID: 'Paid',
    REPORTED: 'Paid and reported'
  }
}
export default en
