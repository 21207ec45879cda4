import type { AUTH_MESSAGES } from '@contract/messages/auth'
import type { Catalog } from '@contract/messages'

export const AUTH_EN: Catalog<typeof AUTH_MESSAGES> = {
  signInRequired: 'Sign in with your own user to continue.',
  wrongCredentials: 'Wrong username or password.',
  unknownRole: 'Unknown role: {role}. Available roles: {roles}.',
  settingsRoleRequired: 'At least one role must be able to change the settings.',
  roleInUse: 'The role {role} is assigned to some operators and cannot be removed.',
  roleRefusal: 'The role {role} does not allow to {action}.',
  permission: {
    dues: {
      create: 'create dues',
      edit: 'change amounts and due dates',
      delete: 'delete or cancel dues',
      registerPayment: 'register payments',
      export: 'export dues'
    },
    pos: { pay: 'take payments with the integrated POS' },
    notices: { print: 'print notices and receipts', email: 'send notices to citizens' },
    till: { use: 'use the till and close the day' },
    settings: { manage: 'change the settings' }
  }
}
