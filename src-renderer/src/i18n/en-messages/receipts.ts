import type { RECEIPTS_MESSAGES } from '@contract/messages/receipts'
import type { Catalog } from '@contract/messages'

export const RECEIPTS_EN: Catalog<typeof RECEIPTS_MESSAGES> = {
  noDesk: 'This desk has no number yet: receipts are numbered per desk. Choose it in Settings › Desk.',
  notFound: 'Receipt not found.',
  skippedReserved: 'number reserved but not recorded: an interruption or a restored copy of the cache',
  removedWithDue: 'receipt issued, then removed from the cache with its due (erasure, end of retention or replacement)'
}
