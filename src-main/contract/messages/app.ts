// The transport and the application as a whole.
export const APP_MESSAGES = {
  unknownMethod: 'Operazione sconosciuta: {method}',
  internal: "Errore interno dell'applicazione. L'operazione non è stata completata.",
  unreachable: "Il servizio dell'applicazione non risponde. Verificare che Sportello Dovuti sia in esecuzione.",
  badAnswer: 'Risposta non valida dal servizio (HTTP {status}).'
}
