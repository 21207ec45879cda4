// Input refused by the contract's schemas. A schema's own message is one of these codes (see
// `inputMessage`); zod's built-in messages are translated by zod's locales.
export const INPUT_MESSAGES = {
  invalid: 'Dati non validi. {details}',
  issue: '{path}: {text}',
  // The schemas' own messages, one per rule.
  cashRegisterId: 'il codice cassa ha 8 cifre',
  changeReason: 'indicare il motivo della modifica',
  citizenCode: 'codice fiscale di 16 caratteri o partita IVA di 11 cifre',
  debtorCountry: 'il paese si indica con il codice di due lettere (es. IT)',
  debtorEmail: 'indirizzo e-mail non valido',
  debtorFullName: 'indicare cognome e nome o la ragione sociale',
  debtorPostalCode: 'il CAP italiano ha 5 cifre',
  debtorProvince: 'la provincia si indica con la sigla di due lettere (es. RM)',
  deskName: 'indicare il nome dello sportello',
  dueTypeCode: 'codice: lettere maiuscole, cifre, - e _ (massimo 40)',
  enteFiscalCode: 'il codice fiscale dell’ente ha 11 cifre',
  isoDay: 'data nel formato aaaa-mm-gg',
  iupdPrefix: 'il prefisso degli identificativi ha da 2 a 10 lettere maiuscole o cifre',
  keyTooShort: 'chiave troppo corta',
  noticeNumber: 'numero avviso di 18 cifre',
  passwordLength: 'la password deve avere almeno 10 caratteri',
  posHost: 'indicare l’indirizzo del POS',
  posOutcomeNote: 'Indicare da dove risulta l’esito (scontrino, giornale del POS).',
  reason: 'indicare il motivo',
  retentionMax: 'al massimo 10 anni',
  retentionMin: 'almeno 30 giorni',
  segregationCode: 'il codice di segregazione ha 2 cifre',
  serialPort: 'scegliere la porta seriale',
  terminalId: 'il codice terminale ha 8 cifre',
  username: 'nome utente: lettere minuscole, cifre, . _ - (da 2 a 60)'
}

export type InputMessage = keyof typeof INPUT_MESSAGES

/** For a schema's `.min(…, inputMessage('…'))`: the dispatcher turns the code into the sentence. */
export function inputMessage(key: InputMessage): string {
  return `input.${key}`
}
