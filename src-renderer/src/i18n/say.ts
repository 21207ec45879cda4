// The services' sentences (errors, refusals, progress) in the operator's language. They arrive as
// a key and parameters (contract/messages); the Italian locale is the contract's own catalog and
// en.ts translates every key, so switching language translates what the services say too.
import { z } from 'zod'
import type { I18n } from 'vue-i18n'
import type { InputIssue, Message } from '@contract/index'
import { isMessageKey } from '@contract/messages'

let active: I18n<Record<string, unknown>, Record<string, unknown>, Record<string, unknown>, string, false> | null = null

/** Called by createAppI18n: the instance whose locale `say` follows. */
export function useI18nForMessages(i18n: typeof active): void {
  active = i18n
}

function locale(): string {
  return active ? String(active.global.locale.value) : 'it'
}

/** The sentence in the current language; '' for none. */
export function say(m: Message | null | undefined): string {
  if (!m) return ''
  const params: Record<string, string | number> = {}
  for (const [name, value] of Object.entries(m.params ?? {})) params[name] = typeof value === 'object' ? say(value) : value
  if (!active) return m.key
  return active.global.t(`said.${m.key}`, params)
}

const ZOD_LOCALES: Record<string, () => { localeError: (issue: never) => unknown }> = { it: z.locales.it, en: z.locales.en }

function issueText(issue: InputIssue): string {
  if (issue.said) return say(issue.said)
  const worded = ZOD_LOCALES[locale()]?.().localeError(issue.zod as never)
  const text = typeof worded === 'string' ? worded : typeof worded === 'object' && worded && 'message' in worded ? String(worded.message) : ''
  return text || String(issue.zod?.message ?? '')
}

/** An issue of a contract schema checked in the renderer, worded as the services' refusals are. */
export function schemaIssueText(issue: z.core.$ZodIssue): string {
  return issueText(isMessageKey(issue.message) ? { path: '', said: { key: issue.message } } : { path: '', zod: issue as unknown as Record<string, unknown> })
}

/** An error caught from a service call (ApiError) or anything else, in the current language. */
export function errorText(e: unknown): string {
  if (typeof e === 'object' && e !== null) {
    const error = e as { said?: Message; issues?: InputIssue[]; message?: string }
    if (error.issues?.length) {
      const details = error.issues.map((issue) => (issue.path ? say({ key: 'input.issue', params: { path: issue.path, text: issueText(issue) } }) : issueText(issue))).join('; ')
      return say({ key: 'input.invalid', params: { details } })
    }
    if (error.said) return say(error.said)
    if (typeof error.message === 'string') return error.message
  }
  return String(e)
}
