// issue 12: receiptPrinter
// The receipt printer (ESC/POS, 80 mm): its name, what goes wrong reaching it, its test page.
export const RECEIPT_PRINTER_MESSAGES = {
  name: {
    none: 'Nessuna stampante per ricevute configurata',
    serial: 'stampante per ricevute su {path} ({baudRate} baud)',
    network: 'stampante per ricevute {host}:{port}'
  },
  notConfigured: 'Nessuna stampante per ricevute configurata: sceglierla in Impostazioni › Stampa.',
  unreachable: 'La {printer} non è raggiungibile: {error}. Controllare che sia accesa e collegata.',
  timeout: 'La {printer} non risponde: controllare che sia accesa, collegata e con la carta.',
  portBusy: 'La porta {path} è già in uso da un altro programma: chiuderlo e riprovare.',
  portMissing: 'La porta {path} non esiste su questa postazione: controllare il cavo o scegliere un’altra porta.',
  reason: {
    refused: 'la stampante rifiuta la connessione (porta sbagliata?)',
    hostUnreachable: 'nessun dispositivo risponde a questo indirizzo',
    unknownHost: 'indirizzo sconosciuto',
    closed: 'la stampante ha chiuso la connessione',
    other: '{error}'
  },
  testSent: 'Pagina di prova inviata alla {printer}: controllare che le lettere accentate e il simbolo dell’euro siano stampati correttamente.',
  saved: 'Stampante per ricevute salvata: {printer}.',
  testPage: {
    title: 'Stampa di prova',
    date: 'Data: {date}',
    accents: 'Lettere accentate: àèéìòù €',
    columns: 'Caratteri per riga: {columns}',
    end: 'Fine della prova'
  },
  input: {
    path: 'scegliere la porta seriale della stampante',
    host: 'indicare l’indirizzo della stampante'
  }
}
