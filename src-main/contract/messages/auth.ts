// Operators, roles and sessions.
export const AUTH_MESSAGES = {
  signInRequired: 'Accedere con il proprio utente per continuare.',
  wrongCredentials: 'Nome utente o password non corretti.',
  unknownRole: 'Ruolo sconosciuto: {role}. Ruoli disponibili: {roles}.',
  settingsRoleRequired: 'Almeno un ruolo deve poter modificare le impostazioni.',
  roleInUse: 'Il ruolo {role} è assegnato a degli operatori e non può essere rimosso.',
  roleRefusal: 'Il ruolo {role} non consente di {action}.',
  /** What each permission lets a role do, as the end of "non consente di …". */
  permission: {
    dues: {
      create: 'creare dovuti',
      edit: 'modificare importi e scadenze',
      delete: 'eliminare o annullare dovuti',
      registerPayment: 'registrare pagamenti',
      export: 'esportare i dovuti'
    },
    pos: { pay: 'incassare con il POS integrato' },
    notices: { print: 'stampare avvisi e ricevute', email: 'inviare avvisi al cittadino' },
    till: { use: 'usare la cassa e chiudere la giornata' },
    settings: { manage: 'modificare le impostazioni' }
  }
}
