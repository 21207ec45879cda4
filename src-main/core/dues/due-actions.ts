// What the due's page may offer, and why not: the role first, then the desk (its terminal, its
// mail server), then the due (its status, what is paid, a POS payment still open). The same
// refusals the commands and the POS use, so a button is disabled exactly when the action would fail.
import type { ActionState, DueDetail, Permission } from '../../contract/desk'
import { roleRefusal } from '../../contract/desk'
import type { PositionStatus } from '../../contract/dues'
import { message, type Message } from '../../contract/messages'
import { awaitingReceiptRefusal, OPEN_PAYMENT_REFUSAL } from '../../contract/pos'
import { whyNotAllowed, type PositionAction } from '../pagopa/status-rules'
import { debtorEditRefusal } from './change-debtor'
import { planEditRefusal } from './plan-edit'

type StatusAction = 'edit' | 'delete' | 'invalidate' | 'registerPayment'
const PERMISSION_OF: Record<StatusAction, Permission> = { edit: 'dues.edit', delete: 'dues.delete', invalidate: 'dues.delete', registerPayment: 'dues.registerPayment' }
const ACTION_OF: Record<StatusAction, PositionAction> = { edit: 'edit', delete: 'delete', invalidate: 'invalidate', registerPayment: 'markPaid' }
const ALLOWED: ActionState = { allowed: true, reason: null }
const refused = (reason: Message): ActionState => ({ allowed: false, reason })
const stateOf = (refusal: Message | null): ActionState => (refusal ? refused(refusal) : ALLOWED)

export interface ActionFacts {
  status: PositionStatus
  optionStatuses: string[]
  who: { role: string; permissions: readonly Permission[] }
  /** A POS payment of this due whose outcome is still open. */
  posOpen: boolean
  /** STANs of unpaid options a PSP terminal has charged (paid once their pagoPA receipt arrives). */
  awaitingStans: (string | null)[]
  /** The desk's own conditions: no terminal, no mail server. */
  posRefusal: Message | null
  mailRefusal: Message | null
  /** Every payment taken here gets a receipt numbered per desk: none without a desk number. */
  receiptRefusal?: Message | null
}

/** A notice can be printed or sent while something is still to be paid on it. */
function noticeState(f: ActionFacts): ActionState {
  if (f.status === 'PAID' || f.status === 'REPORTED') return refused(message('dues.noticePaid'))
  if (f.status === 'INVALID') return refused(message('dues.noticeCancelled'))
  return f.optionStatuses.includes('PO_UNPAID') ? ALLOWED : refused(message('dues.nothingToPay'))
}

export function dueActions(f: ActionFacts): DueDetail['actions'] {
  const byStatus = (action: StatusAction): ActionState => {
    if (!f.who.permissions.includes(PERMISSION_OF[action])) return refused(roleRefusal(PERMISSION_OF[action], f.who.role))
    const why = whyNotAllowed(ACTION_OF[action], f.status) ?? (action === 'edit' ? planEditRefusal(f.optionStatuses) : null)
    return why ? refused(why) : ALLOWED
  }
  /** The first of: the role, the desk's own condition, the due's. */
  const gated = (permission: Permission, desk: Message | null, due: ActionState): ActionState => {
    if (!f.who.permissions.includes(permission)) return refused(roleRefusal(permission, f.who.role))
    return desk ? refused(desk) : due
  }
  const notice = noticeState(f)
  const unpaid = f.optionStatuses.filter((s) => s === 'PO_UNPAID').length
  const markPaid = whyNotAllowed('markPaid', f.status)
  // Paying at the terminal needs the desk's terminal, and what registering a payment needs.
  const posDue = f.posOpen
    ? refused(OPEN_PAYMENT_REFUSAL)
    : f.awaitingStans.length > 0 && f.awaitingStans.length >= unpaid
      ? refused(awaitingReceiptRefusal(f.awaitingStans[0]!))
      : markPaid
        ? refused(markPaid)
        : notice
  return {
    edit: byStatus('edit'),
    editDebtor: gated('dues.edit', null, stateOf(debtorEditRefusal(f.status, f.optionStatuses))),
    delete: byStatus('delete'),
    invalidate: byStatus('invalidate'),
    registerPayment: f.receiptRefusal && f.who.permissions.includes('dues.registerPayment') ? refused(f.receiptRefusal) : byStatus('registerPayment'),
    print: gated('notices.print', null, notice),
    email: gated('notices.email', f.mailRefusal, notice),
    pos: gated('pos.pay', f.posRefusal ?? f.receiptRefusal ?? null, posDue)
  }
}
