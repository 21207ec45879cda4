// Whether a position found on GPD under our identifier is the one this desk created (an earlier
// attempt whose answer was lost) or another desk's that happens to carry the same codes. The IUVs
// alone are not enough: a desk with the same number, issuing in the same second, mints the same
// ones. The debtor and the wording of every option must match too; amounts and due dates are left
// out, since the operator may have changed them before the retry.
import type { PaymentPositionModel, PaymentPositionResponseV3 } from '../gpd/types'

export function sameCreatedContent(remote: PaymentPositionResponseV3, sent: PaymentPositionModel): boolean {
  if (remote.iupd !== sent.iupd) return false
  const theirs = (remote.paymentOption ?? []).flatMap((o) => (o.installments ?? []).map((i) => ({ iuv: i.iuv, description: i.description, debtor: o.debtor?.fiscalCode?.toUpperCase() })))
  const ours = (sent.paymentOption ?? []).map((o) => ({ iuv: o.iuv, description: o.description, debtor: sent.fiscalCode.toUpperCase() }))
  if (theirs.length !== ours.length) return false
  const key = (x: { iuv: string | undefined; description: string | undefined; debtor: string | undefined }) => `${x.iuv}|${x.description}|${x.debtor}`
  const remaining = new Set(theirs.map(key))
  return ours.every((o) => remaining.delete(key(o)))
}
