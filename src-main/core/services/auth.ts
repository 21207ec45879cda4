// auth.*, operators.*, roles.*: who is at the desk and what each role may do.
import type { ServiceHandlers } from '../../contract/methods'
import type { ServiceContext } from './context'

export function authServices({ sessions }: ServiceContext) {
  return {
    'auth.session': () => sessions.session(),
    'auth.login': (input) => sessions.login(input.username, input.password),
    'auth.logout': () => sessions.logout(),
    'operators.list': () => sessions.list(),
    'operators.save': (input) => sessions.save(input),
    'roles.get': () => sessions.roles(),
    'roles.save': (input) => sessions.saveRoles(input.roles)
  } satisfies Partial<ServiceHandlers>
}
