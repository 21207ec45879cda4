// pagoPA identifiers typed or scanned by the operator: notice numbers, IUVs, QR and Data Matrix, fiscal codes, IBANs, taxonomy.
export const PAGOPA_MESSAGES = {
  // Notice numbers ("codice avviso") and IUVs
  noticeNumber: {
    missing: 'Numero avviso mancante.',
    digitsOnly: 'Il numero avviso contiene solo cifre (ed eventualmente spazi).',
    length: 'Il numero avviso ha 18 cifre: ne sono state scritte {count}.',
    checkDigits: 'Numero avviso non valido: le cifre di controllo finali non corrispondono. Verificare di averlo copiato correttamente.',
    auxDigit: 'Numero avviso non valido: la prima cifra deve essere 0, 1, 2 o 3, non {digit}.'
  },
  iuvExhausted: 'Numerazione IUV esaurita per questo sportello.',
  // The QR code of a notice: PAGOPA|002|notice|ente|cents
  qr: {
    notPagopa: "Non è il codice QR di un avviso pagoPA (deve iniziare con PAGOPA{'|'}).",
    incomplete: "Codice QR pagoPA incompleto: attese 5 parti separate da {'|'}, trovate {count}.",
    version: 'Versione del codice QR non supportata: {version} (attesa 002).',
    notice: 'Codice QR: {reason}',
    enteFiscalCode: "Codice QR: il codice fiscale dell'ente \"{code}\" non è valido.",
    amount: 'Codice QR: importo non valido "{amount}" (centesimi, solo cifre).',
    amountTooSmall: "Codice QR: l'importo deve essere di almeno un centesimo."
  },
  // The Data Matrix of the Poste section
  dataMatrix: {
    notPoste: 'Non è il codice Data Matrix di un bollettino pagoPA di Poste (deve iniziare con codfase=NBPA;).',
    incomplete: 'Codice Data Matrix incompleto.',
    malformed: 'Codice Data Matrix non conforme al bollettino PA di Poste.',
    notice: 'Codice Data Matrix: {reason}',
    amount: 'Codice Data Matrix: importo non valido.'
  },
  // Fiscal codes and partita IVA
  fiscalCode: {
    missing: 'Codice fiscale mancante.',
    numericLength: 'Il codice fiscale numerico (partita IVA) ha 11 cifre: ne sono state scritte {count}.',
    numericCheckDigit: 'Partita IVA / codice fiscale {code} non valido: la cifra di controllo non corrisponde.',
    personLength: 'Il codice fiscale di una persona ha 16 caratteri: ne sono stati scritti {count}.',
    personShape: 'Il codice fiscale {code} non ha la forma corretta (6 lettere, 2 cifre, 1 lettera, 2 cifre, 1 lettera, 3 cifre, 1 lettera).',
    personCheckChar: 'Codice fiscale {code} non valido: il carattere di controllo dovrebbe essere {expected}, non {found}.'
  },
  partitaIva: {
    length: 'La partita IVA ha 11 cifre: "{input}" non è valida.',
    checkDigit: 'Partita IVA {code} non valida: la cifra di controllo non corrisponde.'
  },
  // IBAN
  iban: {
    missing: 'IBAN mancante.',
    unknownCountry: 'IBAN non valido: le prime due lettere non indicano un paese noto.',
    length: 'IBAN non valido: la lunghezza non è quella prevista per il paese (27 caratteri per l’Italia).',
    format: 'IBAN non valido: la parte dopo le cifre di controllo non ha la forma prevista per il paese.',
    checksumNotDigits: 'IBAN non valido: il terzo e il quarto carattere devono essere cifre.',
    checksum: 'IBAN non valido: le cifre di controllo non corrispondono. Verificare di averlo copiato correttamente.',
    cin: 'IBAN non valido: il carattere di controllo (CIN) non corrisponde a ABI, CAB e conto.',
    notAllowed: 'IBAN non ammesso.',
    invalid: 'IBAN non valido.'
  },
  // Taxonomy ("dati specifici di incasso") and causale
  taxonomy: {
    invalid: 'Codice di tassonomia non valido: "{input}". La forma è 9/TTAASSSMM/ (es. 9/0101101IM/), con MM tra IM, TS, SP, SA, AP.'
  },
  causale: {
    missing: 'La causale è obbligatoria.',
    tooLong: 'La causale può avere al massimo {max} caratteri: ne ha {length}.',
    unprintable: 'La causale contiene caratteri non stampabili.'
  },
  // Amounts in euro
  amount: {
    missing: 'Importo mancante.',
    negative: "L'importo non può essere negativo.",
    decimals: "L'importo può avere al massimo due decimali.",
    invalid: 'Importo non valido: "{input}". Scrivere ad esempio 1.234,56',
    tooLarge: "L'importo supera il massimo di 999.999.999,99 €.",
    tooSmall: "L'importo deve essere di almeno 0,01 €."
  }
}
