// issue 12: receipts
export const RECEIPTS_MESSAGES = {
}
