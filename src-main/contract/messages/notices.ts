// Notices: their data, PDF and printing.
export const NOTICES_MESSAGES = {
  // What a notice needs from the cache
  enteMissing: "Ente non configurato: impostare i dati dell'ente prima di stampare avvisi.",
  dueNotFound: 'Dovuto {iupd} non trovato.',
  alreadyPaid: 'Il dovuto risulta già pagato: non c’è un avviso da stampare.',
  cancelled: 'Il dovuto è annullato: non c’è un avviso da stampare.',
  nothingToPay: 'Nessuna rata ancora da pagare per questo dovuto.',
  logoUnreadable: "Logo dell'ente non leggibile: {path}",
  // A notice of a batch that failed for an unexpected reason: the system's own words
  printFailedDetail: '{detail}',
  // The desk's printer and the operating system's spooler
  printing: {
    noPrinterChosen: 'Nessuna stampante scelta per questo sportello: sceglierla in Impostazioni › Stampa.',
    cupsUnavailable: 'Servizio di stampa (CUPS) non disponibile su questa postazione.',
    noPrinters: 'Nessuna stampante configurata su questa postazione.',
    printerMissing: 'La stampante "{printer}" non esiste su questa postazione.',
    printerMissingAmong: 'La stampante "{printer}" non esiste su questa postazione. Stampanti disponibili: {printers}.',
    printerPaused: 'La stampante "{printer}" è in pausa o fuori linea: riattivarla e riprovare.',
    refused: 'Stampa non accettata dalla stampante "{printer}": {detail}.',
    refusedUnknown: 'Stampa non accettata dalla stampante "{printer}": errore sconosciuto.',
    failed: 'Stampa non riuscita su "{printer}": {detail}'
  }
}
