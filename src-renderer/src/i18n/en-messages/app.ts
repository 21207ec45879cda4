import type { APP_MESSAGES } from '@contract/messages/app'
import type { Catalog } from '@contract/messages'

export const APP_EN: Catalog<typeof APP_MESSAGES> = {
  unknownMethod: 'Unknown operation: {method}',
  internal: 'Internal application error. The operation was not completed.',
  unreachable: 'The application service does not answer. Check that Sportello Dovuti is running.',
  badAnswer: 'Invalid answer from the service (HTTP {status}).'
}
