// "Pagamento tramite POS", the terminal, its journal and the till.
export const POS_MESSAGES = {
  openPaymentRefusal: 'Un pagamento POS di questo dovuto ha esito incerto: risolverlo prima di riprovare.',
  awaitingReceipt: 'Questo avviso è già stato pagato con il POS: il dovuto risulterà pagato quando arriva la ricevuta pagoPA con la sincronizzazione.',
  awaitingReceiptStan: 'Questo avviso è già stato pagato con il POS (STAN {stan}): il dovuto risulterà pagato quando arriva la ricevuta pagoPA con la sincronizzazione.',
  // Words that are not ours: the terminal's own (its progress), a system error, a journal entry written by an earlier run.
  verbatim: '{text}',

  // The desk's terminal
  terminalName: {
    serial: '{path} ({line})',
    network: '{host}:{port}',
    virtual: 'Terminale virtuale {terminalId}',
    none: 'Nessun terminale POS configurato'
  },
  noTerminal: 'Nessun terminale POS collegato a questo sportello: configurarlo in Impostazioni › POS.',
  virtualOnlyInDemo: 'Il terminale virtuale esiste solo nella prova con dati dimostrativi: su uno sportello collegato all’ente scegliere un POS seriale/USB o di rete.',
  unreachable: 'POS non raggiungibile ({terminal}): {error}. Nessun addebito è stato richiesto.',
  busy: 'Il POS sta eseguendo un’operazione: attendere che finisca.',
  sessionBusy: 'Il POS sta già eseguendo un’operazione',
  pendingBeforeSwitch: 'Un pagamento POS attende la verifica dell’esito con il terminale attuale: completarla prima di cambiare terminale.',

  // A payment and its journal
  busyPaying: 'Il POS sta già eseguendo un pagamento: attendere che finisca.',
  unavailable: 'POS non disponibile: {reason}. Nessun addebito è stato richiesto.',
  unavailableNoAnswer: 'POS non disponibile: nessuna risposta. Nessun addebito è stato richiesto.',
  nothingToResolve: 'Questo pagamento POS non ha un esito da risolvere.',
  resolveAlreadyPaid: 'L’avviso risulta già pagato: un addebito del POS va stornato o rimborsato al cittadino, poi indicato come non addebitato qui.',
  entryNotFound: 'Operazione POS non trovata.',
  receiptOnlyApproved: 'Solo un pagamento approvato ha una ricevuta.',

  // What the payment dialog shows while the terminal works
  progress: {
    sending: 'Invio al POS…',
    checking: 'Verifica dell’esito con il POS…',
    waiting: 'Il POS è occupato o non risponde: attendo per verificare l’esito (non ripetere il pagamento)…'
  },

  // The outcome, as the journal keeps it
  outcome: {
    notSent: 'Pagamento non inviato al POS: {reason}',
    unknownExchange: 'Esito del POS da verificare: esito sconosciuto ({reason})',
    noResult: 'Esito del POS da verificare: nessun risultato',
    unreadable: 'Esito del POS da verificare: risposta illeggibile',
    declined: 'Pagamento non riuscito: {text}',
    amountMismatch: 'Esito incerto: importo autorizzato diverso da quello richiesto.',
    approved: 'Pagamento approvato, STAN {stan}, autorizzazione {authCode}',
    recovered: 'Pagamento approvato (recuperato dal POS), STAN {stan}',
    pspApproved: '{outcome}. Pagamento pagoPA: il dovuto risulterà pagato con la ricevuta, alla prossima sincronizzazione.',
    doubleCharge: 'Esito incerto: il POS riporta un pagamento approvato (STAN {stan}) per un avviso già pagato. Verificare un possibile doppio addebito.',
    noLastResult: 'Esito incerto: il POS non ha comunicato l’ultimo risultato. Controllare lo scontrino o il giornale del POS.',
    notPerformed: 'Pagamento non eseguito dal POS: si può riprovare.',
    differentAmount: 'Esito incerto: il POS riporta un pagamento di importo diverso ({cents} centesimi).',
    confirmedByOperator: "Esito confermato dall'operatore: {note}",
    notPerformedByOperator: "Non eseguito, confermato dall'operatore: {note}"
  },

  // Why nothing reached the terminal
  reason: {
    notConnected: 'POS non collegato',
    silent: 'il POS non risponde',
    nak: 'il POS rifiuta il messaggio (NAK): verificare codice terminale e tipo di controllo (LRC)',
    noResponse: 'il terminale non risponde',
    busy: 'il terminale è occupato in un’altra operazione',
    notReady: 'il terminale non è pronto (stato {state})',
    notConfigured: 'il terminale non è pronto (stato {state}, non configurato)',
    updating: 'il terminale non è pronto (stato {state}, aggiornamento in corso)',
    linkClosed: 'collegamento chiuso',
    linkBroken: 'collegamento interrotto',
    closedByTerminal: 'collegamento chiuso dal terminale'
  },

  // Opening the link
  link: {
    portNotOpened: 'Porta {path} non apribile: {error}',
    unreachable: 'POS {terminal} non raggiungibile: {error}',
    timeout: 'POS {terminal} non raggiungibile'
  },

  // End of day
  closing: {
    notSent: 'Chiusura non inviata al POS: {reason}. Riprovare.',
    unconfirmed: 'Il POS non ha confermato la chiusura: stampare i totali dal terminale e verificarli prima di riprovare.',
    refused: 'Chiusura rifiutata dal POS: {description} (codice {code}).',
    refusedNoReason: 'Chiusura rifiutata dal POS: nessuna spiegazione (codice {code}).',
    notFound: 'Chiusura POS non trovata.'
  },

  // "Prova connessione"
  test: {
    operative: 'POS raggiungibile ({terminal}): terminale {terminalId}, operativo, controllo LRC «{scope}».',
    busy: 'POS raggiungibile ({terminal}): terminale {terminalId}, occupato in un’operazione, controllo LRC «{scope}».',
    state: 'POS raggiungibile ({terminal}): terminale {terminalId}, in stato {state}, controllo LRC «{scope}».',
    refusedEveryScope: 'Il POS risponde ma rifiuta i messaggi con ogni tipo di controllo: verificare il codice terminale (o usare 00000000) e che i parametri ECR del POS siano configurati.',
    unreachable: 'POS non raggiungibile: verificare la porta o l’indirizzo e che il terminale sia acceso.'
  },
  portsUnavailable: 'Elenco delle porte del sistema non disponibile ({error}): si può scrivere il percorso della porta.',

  // What the terminal accepts in a request
  ecr17: {
    terminalIdDigits: 'Codice terminale: {width} cifre al massimo',
    cashRegisterIdDigits: 'Codice cassa: {width} cifre al massimo',
    amountDigits: 'Importo: {width} cifre al massimo',
    amountRange: 'Importo non ammesso dal POS (da 0,01 a 999.999,99 €)'
  }
}
