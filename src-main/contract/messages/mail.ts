// E-mail: the mail server and sending notices.
export const MAIL_MESSAGES = {
  notConfigured: 'Server di posta non configurato: chi gestisce le impostazioni lo imposta in Impostazioni › E-mail.',
  passwordMissing: 'Manca la password del server di posta: inserirla in Impostazioni › E-mail.',
  invalidAddress: 'Indirizzo e-mail non valido: {address}',
  // What the mail server said, and what to check.
  unreachable: "Server di posta non raggiungibile ({server}): controllare l'indirizzo e la rete, poi riprovare.",
  noAnswer: 'Il server di posta ({server}) non risponde: riprovare più tardi.',
  authFailed: 'Autenticazione al server di posta non riuscita: controllare utente e password in Impostazioni › E-mail.',
  addressRefused: 'Indirizzo rifiutato dal server di posta: {detail}',
  tlsFailed: 'Connessione sicura con il server di posta non riuscita ({server}): controllare il tipo di sicurezza (TLS o STARTTLS).',
  sendFailed: 'Invio non riuscito: {detail}'
}
