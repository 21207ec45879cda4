// Impostazioni, the first-run setup, the ente, the desk number, due types, the registry, privacy and the cache.
export const SETTINGS_MESSAGES = {
  // The first-run screen (Configurazione iniziale).
  setup: {
    notConfigured: 'Configurazione iniziale non completata: scegliere se provare con dati dimostrativi o collegare questo sportello al pagoPA dell’ente.',
    alreadyConfigured: 'Lo sportello è già configurato: le impostazioni si cambiano in Impostazioni.',
    inProgress: 'Configurazione in corso: attendere.',
    notStarted: 'Lo sportello non è ancora configurato (configurazione iniziale).',
    invalidFiscalCode: "Codice fiscale dell'ente non valido: {code}. Nulla è stato salvato.",
    backendFailed: 'Il backend pagoPA non risponde come dovrebbe: {reason} Nulla è stato salvato.',
    posFailed: 'POS: {reason} Scegliere «Nessun terminale» per configurarlo più tardi. Nulla è stato salvato.',
    virtualTerminal: 'Il terminale virtuale è solo per la prova con dati dimostrativi.'
  },

  // Which world a data folder belongs to (demo or a live ente), and what it refuses.
  identity: {
    demoToLive:
      'Questa cartella dati è di uno sportello dimostrativo: i suoi dati sono di prova e non possono essere inviati al pagoPA di un ente ({origin}). Per collegare uno sportello reale usare una nuova cartella dati (sportello config --data NUOVA_CARTELLA …, oppure la variabile SPORTELLO_DATA_DIR per l’app): la configurazione iniziale la prepara.',
    liveToDemo:
      'Questa cartella dati è collegata al pagoPA dell’ente {ente} ({origin}): il simulatore e i dati dimostrativi non si avviano su di essa. Per provare con dati dimostrativi usare una nuova cartella dati (sportello serve --demo --data NUOVA_CARTELLA, oppure la variabile SPORTELLO_DATA_DIR per l’app).',
    otherBackend: 'Questa cartella dati è stata riempita dal backend {origin}: non può sincronizzarsi con {requested}, i dovuti dei due si mescolerebbero. Per un altro backend usare una nuova cartella dati.',
    otherEnte: 'Questa cartella dati contiene i dovuti dell’ente {ente}: non può passare a un altro ente ({requested}). Per un altro ente usare una nuova cartella dati.',
    enteMissing: "Ente non configurato: impostare i dati dell'ente (sportello config --ente FILE.json) prima di collegare il backend pagoPA."
  },

  // Impostazioni › Backend.
  backend: {
    enteRequired: 'Impostare prima i dati dell’ente (Impostazioni › Ente): il backend li richiede.',
    enteMissing: 'Impostare prima i dati dell’ente (Impostazioni › Ente).',
    reachable: 'Backend raggiungibile: {host} risponde per l’ente {ente} ({count} posizioni in scadenza oggi).',
    keyRefused: 'Il backend rifiuta la chiave di sottoscrizione: verificarla nel portale sviluppatori pagoPA.'
  },

  // Impostazioni › Ente.
  ente: {
    invalidFiscalCode: "Codice fiscale dell'ente non valido: {code}.",
    logoNotPng: 'Il logo deve essere un’immagine PNG.'
  },

  // Impostazioni › Sportello: the desk number.
  desk: {
    notSet: 'Numero di sportello non impostato: chi gestisce le impostazioni lo sceglie in Impostazioni › Sportello. Ogni sportello dell’ente ha il suo.',
    collision: 'Il numero di sportello {number} è usato anche da un altro sportello: la creazione di dovuti è bloccata finché non si sceglie un altro numero (Impostazioni › Sportello).',
    confirmChange: 'Con il numero {number} questo sportello ha già generato numeri avviso: confermare il cambio di numero.',
    numberInUse: 'Il numero {number} è già usato da un altro sportello: il dovuto {iupd} ha lo IUV {iuv}. Scegliere un altro numero.'
  },

  // Impostazioni › Tipi di dovuto.
  dueType: {
    invalid: '{code}: {reason}',
    postalIbanInvalid: '{code}: IBAN postale. {reason}',
    postalAccountDigits: '{code}: il conto corrente postale ha solo cifre (massimo 12).',
    postalIbanRequired: "{code}: con il conto corrente postale serve anche l'IBAN postale.",
    notJson: 'Il file non è un JSON valido.',
    importIssue: 'Tipo di dovuto n. {n}: {path} {reason}'
  },

  // The ente's registry of citizens (CSV import).
  registry: {
    unreadable: 'File CSV non leggibile: {detail}',
    nameMissing: 'Mancano cognome e nome (o la ragione sociale).'
  },

  // Citizens' data (GDPR).
  privacy: {
    noData: 'Nessun dato del codice fiscale {code} nella cache di questa postazione.'
  },

  // The local cache: opening it, restoring a copy, rebuilding it after damage.
  cache: {
    locked: 'La cache ({file}) è bloccata da un altro programma, forse un’altra finestra di Sportello Dovuti: chiuderlo e riaprire.',
    newerSchema: 'La cache è stata aggiornata da una versione più recente di Sportello Dovuti (schema {found}, questa versione conosce fino a {known}): installare l’ultima versione. La cache non è stata modificata.',
    openElsewhere: 'Sportello Dovuti sembra aperto su questa cartella dati: chiuderlo prima di ripristinare una copia.',
    badBackup: 'La copia {file} non è leggibile o è danneggiata: sceglierne un’altra.',
    damagedRestored:
      'La cache locale era danneggiata ed è stata ripristinata dalla copia di sicurezza {backup}. Modifiche non ancora inviate recuperate: {changes} (su {dues} dovuti). Il file precedente è conservato come {aside}.',
    damagedRecreated:
      'La cache locale era danneggiata ed è stata ricreata vuota (nessuna copia di sicurezza integra): la sincronizzazione la riempirà di nuovo. Modifiche non ancora inviate recuperate: {changes} (su {dues} dovuti). Il file precedente è conservato come {aside}.',
    restored:
      'La cache locale è stata ripristinata dalla copia di sicurezza {backup}. Modifiche non ancora inviate recuperate: {changes} (su {dues} dovuti). Il file precedente è conservato come {aside}.',
    damagedFound:
      'La verifica della cache locale ha trovato dei danni: chiudere e riaprire Sportello Dovuti, che la ripristinerà dall’ultima copia di sicurezza integra conservando le modifiche non ancora inviate. Nel frattempo nessuna copia di sicurezza viene presa da questa cache.'
  }
}
