import type { TILL_MESSAGES } from '@contract/messages/till'
import type { Catalog } from '@contract/messages'

export const TILL_EN: Catalog<typeof TILL_MESSAGES> = {
}
