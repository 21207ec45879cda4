// issue 12: debtors
export const DEBTORS_MESSAGES = {
}
