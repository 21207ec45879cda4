// What each GPD status allows, with the sentence the desk shows when it does not.
import type { PositionStatus } from '../../contract/dues'

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

const WHY_NOT: Record<PositionStatus, string> = {
  DRAFT: 'il dovuto è una bozza non ancora pubblicata',
  PUBLISHED: 'il dovuto è pubblicato ma non ancora valido',
  VALID: 'il dovuto è da pagare',
  INVALID: 'il dovuto è stato annullato',
  EXPIRED: 'il dovuto è scaduto',
  PARTIALLY_PAID: 'il dovuto è già stato pagato in parte',
  PAID: 'il dovuto è già stato pagato',
  REPORTED: 'il dovuto è già stato pagato e rendicontato'
}

const ACTION_NAMES: Record<PositionAction, string> = {
  edit: 'modificare importo o scadenza',
  delete: 'eliminare il dovuto',
  invalidate: 'annullare il dovuto',
  markPaid: 'registrare un pagamento',
  publish: 'pubblicare il dovuto'
}

export function isAllowed(action: PositionAction, status: PositionStatus): boolean {
  return ALLOWED[action].includes(status)
}

/** null when allowed; otherwise why not, in Italian. */
export function whyNotAllowed(action: PositionAction, status: PositionStatus): string | null {
  if (isAllowed(action, status)) return null
  return `Non è possibile ${ACTION_NAMES[action]}: ${WHY_NOT[status]}.`
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
