// Cassa: the cash closing of the desk's day, and the closed days it protects (contract/till.ts).
export const TILL_MESSAGES = {
  alreadyClosed: 'La cassa di oggi è già chiusa: i pagamenti registrati da ora vanno nella prossima chiusura.',
  onlyToday: 'Si può chiudere solo la cassa di oggi.',
  countedMissing: 'Indicare i contanti contati nel cassetto (0,00 se non ce ne sono).',
  noteRequired: 'I contanti contati differiscono da quelli attesi ({difference}): spiegare la differenza nella nota.',
  dayClosed: 'La cassa del {closed} è chiusa: non si può registrare un pagamento con data {day}. Un pagamento preso oggi si registra con la data di oggi.',
  closingNotFound: 'Chiusura di cassa non trovata.'
}
