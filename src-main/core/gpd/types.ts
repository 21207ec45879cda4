// Friendly names for the types generated from PagoPA's OpenAPI documents (npm run gen:api).
import type { components as V1 } from './generated/gpd-v1'
import type { components as V3 } from './generated/gpd-v3'
import type { components as Internal } from './generated/gpd-internal-v1'
import type { components as Receipts } from './generated/receipts'

export type PaymentPositionModel = V1['schemas']['PaymentPositionModel']
export type PaymentOptionModel = V1['schemas']['PaymentOptionModel']
export type TransferModel = V1['schemas']['TransferModel']
export type PaymentPositionBaseResponse = V1['schemas']['PaymentPositionModelBaseResponse']
export type PaymentOptionResponse = V1['schemas']['PaymentOptionModelResponse']
export type TransferResponse = V1['schemas']['TransferModelResponse']
export type PaymentPositionsInfo = V1['schemas']['PaymentPositionsInfo']
export type PaymentsModelResponse = V1['schemas']['PaymentsModelResponse']
export type ProblemJson = V1['schemas']['ProblemJson']
export type PositionStatusV1 = NonNullable<PaymentPositionBaseResponse['status']>

export type PaymentPositionResponseV3 = V3['schemas']['PaymentPositionModelResponseV3']
export type PaymentPositionsInfoV3 = V3['schemas']['PaymentPositionsInfoV3']
export type InstallmentResponseV3 = V3['schemas']['InstallmentModelResponse']
export type DebtorModel = V3['schemas']['DebtorModel']

export type PayPaymentOptionModel = Internal['schemas']['PayPaymentOptionModel']

export type ReceiptsPage = Receipts['schemas']['PaymentsResult']

/** Paths as the specs write them: the validator and the simulator route on these. */
export const GPD_PATHS = {
  positions: '/organizations/{organizationfiscalcode}/debtpositions',
  position: '/organizations/{organizationfiscalcode}/debtpositions/{iupd}',
  publish: '/organizations/{organizationfiscalcode}/debtpositions/{iupd}/publish',
  invalidate: '/organizations/{organizationfiscalcode}/debtpositions/{iupd}/invalidate',
  paid: '/organizations/{organizationfiscalcode}/paymentoptions/paids/{nav}',
  pay: '/organizations/{organizationfiscalcode}/paymentoptions/{nav}/pay',
  info: '/info',
  receipts: '/payments/{organizationfiscalcode}/receipts',
  receipt: '/payments/{organizationfiscalcode}/receipts/{iuv}'
} as const

/** Base paths, as on PagoPA's servers. */
export const GPD_BASES = {
  v1: '/gpd/debt-positions-service/v1',
  v3: '/gpd/debt-positions-service/v3',
  internalV1: '/gpd/debt-positions-service/internal/v1',
  receipts: '/gpd/payments-receipts-service/v1'
} as const
