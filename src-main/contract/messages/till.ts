// issue 12: till
export const TILL_MESSAGES = {
}
