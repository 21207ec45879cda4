import type { TILL_MESSAGES } from '@contract/messages/till'
import type { Catalog } from '@contract/messages'

export const TILL_EN: Catalog<typeof TILL_MESSAGES> = {
  alreadyClosed: 'Today’s till is already closed: payments registered from now on go to the next closing.',
  onlyToday: 'Only today’s till can be closed.',
  countedMissing: 'Enter the cash counted in the drawer (0.00 if there is none).',
  noteRequired: 'The cash counted differs from the cash expected ({difference}): explain the difference in the note.',
  dayClosed: 'The till of {closed} is closed: a payment dated {day} cannot be registered. A payment taken today is registered with today’s date.',
  closingNotFound: 'Till closing not found.'
}
