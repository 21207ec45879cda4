import type { RECEIPTS_MESSAGES } from '@contract/messages/receipts'
import type { Catalog } from '@contract/messages'

export const RECEIPTS_EN: Catalog<typeof RECEIPTS_MESSAGES> = {
}
