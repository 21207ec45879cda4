import { STATUS_LABELS_IT } from '@contract/format'

export default {
  app: {
    name: 'Sportello Dovuti',
    skipToContent: 'Vai al contenuto principale',
    operator: 'Operatore',
    language: 'Lingua',
    demo: 'Dati dimostrativi',
    loadError: "Impossibile contattare i servizi dell'applicazione: {message}"
  },
  status: {
    sync: 'Sincronizzazione',
    syncLocal: 'Solo cache locale',
    syncOnline: 'In linea',
    syncOffline: 'Non in linea',
    syncSyncing: 'Sincronizzazione in corso',
    pending: 'nessuna modifica in attesa | 1 modifica in attesa | {n} modifiche in attesa',
    conflicts: '1 modifica rifiutata dal backend | {n} modifiche rifiutate dal backend',
    syncNow: 'Sincronizza ora',
    syncRunning: 'Sincronizzazione…',
    progress: '{message} ({done} di {total}) · {positions} posizioni',
    backend: 'Backend: {name}',
    lastSync: 'Ultimo aggiornamento: {when}',
    neverSynced: 'Mai sincronizzata',
    pos: 'POS',
    posVirtual: 'Terminale virtuale',
    posNotConfigured: 'Non configurato',
    posReady: 'Pronto',
    posBusy: 'Occupato',
    posOffline: 'Non raggiungibile',
    cached: 'Dovuti in cache: {n}'
  },
  nav: {
    search: 'Cerca dovuti'
  },
  search: {
    title: 'Cerca dovuti',
    label: 'Cerca per nome, codice fiscale, IUV, numero avviso, IUPD o causale',
    placeholder: 'Es. Rossi, RSSMRA80A01H501U, 3010 0000 0000 0001 44',
    hint: 'Premi / per tornare alla ricerca. Il numero avviso si può scrivere con o senza spazi.',
    submit: 'Cerca',
    clear: 'Cancella',
    statusFilter: 'Stato',
    statusAll: 'Tutti',
    statusPending: 'Da pagare',
    statusPaid: 'Pagati',
    results: 'Nessun dovuto trovato | 1 dovuto trovato | {n} dovuti trovati',
    matchedBy: {
      all: '',
      noticeNumber: 'per numero avviso',
      iuv: 'per IUV',
      fiscalCode: 'per codice fiscale',
      iupd: 'per IUPD',
      text: 'per nome o causale'
    },
    loading: 'Ricerca in corso…',
    empty: 'Nessun dovuto corrisponde alla ricerca. Controlla il testo o scegli “Tutti” tra gli stati.',
    tableCaption: 'Dovuti trovati, pagina {page} di {pages}',
    columns: {
      noticeNumber: 'Numero avviso',
      debtor: 'Debitore',
      type: 'Tipo',
      causale: 'Causale',
      amount: 'Importo',
      dueDate: 'Scadenza',
      status: 'Stato'
    },
    installments: 'in {n} rate',
    paidOn: 'pagato il {date}'
  },
  pager: {
    label: 'Paginazione dei risultati',
    previous: 'Pagina precedente',
    next: 'Pagina successiva',
    page: 'Pagina {page} di {pages}'
  },
  // One source for status names: the CLI prints the same ones.
  statuses: { ...STATUS_LABELS_IT } as Record<keyof typeof STATUS_LABELS_IT, string>
}
