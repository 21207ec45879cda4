// What the simulator keeps for a debt position: the v1 model as created, plus the fields GPD adds
// (statuses, dates, payment data). Stored as JSON, with indexed columns beside it for the filters.
import type { PaymentOptionResponse, PaymentPositionModel, TransferResponse } from '../gpd/types'
import { gpdNow } from '../gpd/time'

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

export type SimTransfer = TransferResponse & Required<Pick<TransferResponse, 'idTransfer' | 'amount' | 'category' | 'remittanceInformation'>>

export type SimOption = Omit<PaymentOptionResponse, 'transfer'> &
  Required<Pick<PaymentOptionResponse, 'nav' | 'iuv' | 'amount' | 'description' | 'isPartialPayment' | 'dueDate' | 'status'>> & {
    transfer: SimTransfer[]
  }

export type SimPosition = Mutable<Omit<PaymentPositionModel, 'paymentOption' | 'status'>> & {
  organizationFiscalCode: string
  status: NonNullable<PaymentPositionModel['status']>
  insertedDate: string
  publishDate?: string
  lastUpdatedDate: string
  paymentOption: SimOption[]
}

export interface SimReceipt {
  iuv: string
  nav: string
  iupd: string
  organizationFiscalCode: string
  debtor: string
  companyName: string
  paymentDateTime: string
  amount: number
  pspCompany: string
  idReceipt: string
}

/** GPD's local date-times: no offset, seconds precision, Rome time as GPD's servers keep it. */
export { gpdNow }

/** yyyy-mm-dd of a GPD date-time (with or without offset). */
export function dayOf(dateTime: string): string {
  return dateTime.slice(0, 10)
}
