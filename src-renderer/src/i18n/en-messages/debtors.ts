import type { DEBTORS_MESSAGES } from '@contract/messages/debtors'
import type { Catalog } from '@contract/messages'

export const DEBTORS_EN: Catalog<typeof DEBTORS_MESSAGES> = {
}
