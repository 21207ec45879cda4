// Dues: searching, creating, changing, closing and registering payments; the due page's refusals.
export const DUE_MESSAGES = {
  // Finding a due.
  notFound: 'Dovuto {iupd} non trovato.',
  notInCache: 'Dovuto {iupd} non trovato nella cache locale.',
  noNotice: 'Nessun dovuto con numero avviso {nav}.',
  tooManyToExport: 'Troppi dovuti da esportare (oltre {limit}): restringere la ricerca.',

  // What a due's status does not allow (pagopa/status-rules.ts).
  notAllowed: 'Non è possibile {action}: {why}.',
  /** The action, as the middle of "Non è possibile …: …". */
  notAllowedAction: {
    edit: 'modificare importo o scadenza',
    delete: 'eliminare il dovuto',
    invalidate: 'annullare il dovuto',
    markPaid: 'registrare un pagamento',
    publish: 'pubblicare il dovuto'
  },
  /** The due's status, as the end of "Non è possibile …: …". */
  notAllowedBecause: {
    draft: 'il dovuto è una bozza non ancora pubblicata',
    published: 'il dovuto è pubblicato ma non ancora valido',
    valid: 'il dovuto è da pagare',
    invalid: 'il dovuto è stato annullato',
    expired: 'il dovuto è scaduto',
    partiallyPaid: 'il dovuto è già stato pagato in parte',
    paid: 'il dovuto è già stato pagato',
    reported: 'il dovuto è già stato pagato e rendicontato'
  },

  // The due's page: notices and payments at the desk.
  noticePaid: 'Il dovuto risulta già pagato: non c’è un avviso da stampare o inviare.',
  noticeCancelled: 'Il dovuto è annullato: non c’è un avviso da stampare o inviare.',
  nothingToPay: 'Nessuna rata ancora da pagare.',
  noticeAlreadyPaid: 'Questo avviso risulta già pagato.',
  installmentAlreadyPaid: 'Una rata è già stata pagata: registrare il pagamento delle rate restanti.',
  paidInFuture: 'La data del pagamento non può essere nel futuro.',

  // Amounts as the operator typed them.
  amountInvalid: 'Importo: {reason}',
  installmentAmountInvalid: 'Rata {n}: {reason}',

  // Creating a due.
  enteMissing: "Ente non configurato: impostare i dati dell'ente prima di creare dovuti.",
  unknownType: 'Tipo di dovuto sconosciuto o non attivo: {code}',
  typeWithoutIban: 'Il tipo di dovuto {type} non ha un IBAN di accredito: completarlo nelle impostazioni.',
  typeWithoutInstallments: 'Il tipo di dovuto {type} non prevede il pagamento a rate.',
  dueDatePast: 'La scadenza non può essere nel passato.',
  iupdExists: 'Esiste già un dovuto con identificativo {iupd}.',
  causalePlaceholders: 'La causale contiene ancora dei segnaposto da compilare: {fields}.',
  causaleFields: 'Compilare i campi della causale: {fields}.',
  companyFiscalCode: 'Per una persona giuridica indicare la partita IVA o il codice fiscale numerico (11 cifre).',
  badEmail: 'Indirizzo e-mail non valido: {email}',
  badProvince: 'La provincia si indica con la sigla di due lettere (es. RM).',
  badCountry: 'Il paese si indica con il codice di due lettere (es. IT).',
  oneInstallment: 'Un pagamento rateale ha almeno due rate.',
  installmentsSum: "La somma delle rate ({sum}) deve essere uguale all'importo ({amount}).",
  installmentsOrder: 'Le scadenze delle rate devono essere in ordine: la rata {n} scade prima della rata {previous}.',
  reservedCount: 'Codici riservati: attesi {expected}, ricevuti {received}. Ripetere il passo precedente.',
  reservedForeign: 'Il codice {nav} non è stato generato da questo sportello.',
  reservedInUse: 'Il numero avviso {nav} è già usato da un altro dovuto.',

  // Changing amounts and due dates (a single payment, or a plan of installments).
  planNeedsInstallments: 'Il dovuto è rateizzato: indicare importo e scadenza di ciascuna rata.',
  installmentsMissing: 'Indicare importo e scadenza di ciascuna rata.',
  notAPlan: 'Il dovuto non è rateizzato: indicare il nuovo importo o la nuova scadenza.',
  changeMissing: 'Indicare il nuovo importo o la nuova scadenza.',
  newDueDatePast: 'La nuova scadenza non può essere nel passato.',
  unchanged: 'Importo e scadenza sono già quelli indicati.',
  manyBeneficiaries: "Il dovuto ha più beneficiari: l'importo non si può modificare dallo sportello.",
  planPaid: 'Una rata o l’avviso risultano già pagati: importi e scadenze non si possono più modificare.',
  planIncomplete: 'Indicare importo e scadenza di ciascuna delle {count} rate del dovuto.',
  installmentNotPositive: "Rata {n}: l'importo deve essere maggiore di zero.",
  installmentDueDatePast: 'La scadenza della rata {n} non può essere nel passato.',
  installmentsOrderOrSame: 'Le scadenze delle rate devono essere in ordine: la rata {n} scade prima o insieme alla rata {previous}.',
  planUnchanged: 'Importi e scadenze delle rate sono già quelli indicati.',
  // Correcting the debtor of a due still unpaid (dues/change-debtor.ts).
  debtorNotEditable: 'Non è possibile correggere il debitore: {why}.',
  debtorPaid: 'Non è possibile correggere il debitore: una rata o l’avviso risultano già pagati.',
  debtorUnchanged: 'I dati del debitore sono già quelli indicati.',
}
