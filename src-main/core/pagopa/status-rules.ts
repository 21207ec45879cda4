// What each GPD status allows, with the sentence the desk shows when it does not.
import type { PositionStatus } from '../../contract/dues'
import { message, type Message, type MessageKey } from '../../contract/messages'

export type PositionAction = 'edit' | 'delete' | 'invalidate' | 'markPaid' | 'publish'

const ALLOWED: Record<PositionAction, readonly PositionStatus[]> = {
  // Updates are refused once paid, partly paid, reported or cancelled; an expired due can be revived.
  edit: ['DRAFT', 'PUBLISHED', 'VALID', 'EXPIRED'],
  // Deletion is refused as soon as any payment exists.
  delete: ['DRAFT', 'PUBLISHED', 'VALID', 'INVALID', 'EXPIRED'],
  invalidate: ['PUBLISHED', 'VALID'],
  // A payment taken outside pagoPA can be registered on what is still payable.
  markPaid: ['VALID', 'PARTIALLY_PAID'],
  publish: ['DRAFT']
}

const WHY_NOT: Record<PositionStatus, MessageKey> = {
  DRAFT: 'dues.notAllowedBecause.draft',
  PUBLISHED: 'dues.notAllowedBecause.published',
  VALID: 'dues.notAllowedBecause.valid',
  INVALID: 'dues.notAllowedBecause.invalid',
  EXPIRED: 'dues.notAllowedBecause.expired',
  PARTIALLY_PAID: 'dues.notAllowedBecause.partiallyPaid',
  PAID: 'dues.notAllowedBecause.paid',
  REPORTED: 'dues.notAllowedBecause.reported'
}

export function isAllowed(action: PositionAction, status: PositionStatus): boolean {
  return ALLOWED[action].includes(status)
}

/** The due's status as the reason of a refusal ("il dovuto è già stato pagato"). */
export function statusReason(status: PositionStatus): Message {
  return message(WHY_NOT[status])
}

/** null when allowed; otherwise why not. */
export function whyNotAllowed(action: PositionAction, status: PositionStatus): Message | null {
  if (isAllowed(action, status)) return null
  return message('dues.notAllowed', { action: message(`dues.notAllowedAction.${action}`), why: statusReason(status) })
}

export function allowedActions(status: PositionStatus): Record<PositionAction, boolean> {
  return {
    edit: isAllowed('edit', status),
    delete: isAllowed('delete', status),
    invalidate: isAllowed('invalidate', status),
    markPaid: isAllowed('markPaid', status),
    publish: isAllowed('publish', status)
  }
}
