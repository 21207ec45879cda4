// The sync with GPD and the application status it feeds.
export const SYNC_MESSAGES = {
  // What a sync run says while it works and when it ends.
  progressWindow: 'Finestra {from} – {to}',
  progressPush: 'Invio delle modifiche',
  completed: 'Sincronizzazione completata.',
  completedPending: 'Sincronizzazione completata; {count} modifiche ancora in attesa di invio.',
  failed: 'Sincronizzazione non riuscita.',
  /** The backend's or the network's own words, when nothing more precise is known. */
  error: '{detail}',
  // Which backend the desk talks to.
  backendName: {
    gpd: '{host}',
    simulator: 'Simulatore GPD integrato (dati dimostrativi)',
    none: 'Non configurato'
  },
  cancelledUnsent: 'annullato prima dell’invio',

  // Connecting to the backend at start.
  backendNotConfigured: 'Indirizzo del backend pagoPA non configurato per questo sportello: indicarlo in Impostazioni › Backend o con sportello sync --backend URL.',
  enteNotConfigured: "Ente non configurato: impostare i dati dell'ente prima di collegare il backend pagoPA.",
  notInCache: 'Dovuto {iupd} non più presente nella cache locale.',

  // Local changes the backend refused (kept in the due's history of changes).
  conflict: {
    earlierRefused: 'Non inviata: una modifica precedente dello stesso dovuto è stata rifiutata.',
    iupdTaken: 'Identificativo {iupd} già usato sul backend da un altro dovuto: il dovuto non è stato inviato.',
    iuvTaken: 'IUV o numero avviso già presenti sul backend per un altro dovuto: il dovuto non è stato inviato.',
    editRefused: 'Modifica non applicata: sul backend il dovuto risulta {status}.',
    editGone: 'Modifica non applicata: il dovuto non esiste più sul backend.',
    deleteRefused: 'Eliminazione non applicata: sul backend il dovuto risulta {status}. Il dovuto è stato ripristinato.',
    invalidateRefused: 'Annullamento non applicato: sul backend il dovuto risulta {status}.',
    invalidateGone: 'Annullamento non applicato: il dovuto non esiste più sul backend.',
    paidViaPagopa: 'Il dovuto risulta già pagato tramite pagoPA: verificare un possibile doppio pagamento.',
    paymentRefused: 'Pagamento non registrato sul backend: il dovuto risulta {status}.',
    goneFromBackend: 'Il dovuto non esiste più sul backend pagoPA.'
  },
  /** A position's status on the backend, as the end of "sul backend il dovuto risulta …". */
  backendStatus: {
    paid: 'già pagato',
    partiallyPaid: 'pagato in parte',
    reported: 'già pagato e rendicontato',
    invalid: 'annullato',
    expired: 'scaduto',
    draft: 'in bozza',
    published: 'pubblicato',
    valid: 'da pagare',
    gone: 'non più presente',
    paidMeanwhile: 'pagato'
  },

  // A GPD call that failed, in the words of gpd/client.ts.
  gpd: {
    timeout: 'Il backend pagoPA non ha risposto entro {seconds} secondi.',
    network: 'Backend pagoPA non raggiungibile: verificare la connessione.',
    unreadable: 'Risposta del backend pagoPA illeggibile ({operation}).',
    rateLimited: 'Il backend pagoPA chiede di rallentare le richieste.',
    server: 'Errore del backend pagoPA (HTTP {status}).',
    rejected: 'Il backend pagoPA ha rifiutato la richiesta (HTTP {status}).',
    rejectedProblem: 'Il backend pagoPA ha rifiutato la richiesta (HTTP {status}): {problem}',
    nonConforming: 'Risposta del backend pagoPA non conforme ({operation}): {problems}',
    requestNonConforming: 'Richiesta non conforme alla specifica GPD ({operation}): {problems}'
  }
}
