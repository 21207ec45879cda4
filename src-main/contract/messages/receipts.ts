// issue 12: receipts
export const RECEIPTS_MESSAGES = {
  noDesk: 'Questo sportello non ha ancora un numero: le ricevute sono numerate per sportello. Sceglierlo in Impostazioni › Sportello.',
  notFound: 'Ricevuta non trovata.',
  // Kept in receipt_skips (the record of the sequence, in Italian).
  skippedReserved: 'numero riservato ma non registrato: interruzione o ripristino di una copia della cache',
  removedWithDue: 'ricevuta emessa e poi rimossa dalla cache insieme al suo dovuto (cancellazione, conservazione scaduta o sostituzione)'
}
