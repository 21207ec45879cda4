// A fake service transport for the component tests: answers only the methods it is given (any
// other call fails, as an unknown method would), and records every call for the test to count.
import type { MethodInput, MethodName, MethodOutput, Permission, Session } from '@contract/index'
import type { Transport } from '@/api/client'

export type Answers = { [M in MethodName]?: (input: MethodInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>> }

export interface Call {
  method: MethodName
  input: unknown
}

export function fakeServices(answers: Answers) {
  const calls: Call[] = []
  const transport: Transport = {
    async invoke(method, input) {
      calls.push({ method, input })
      const answer = answers[method] as ((input: unknown) => unknown) | undefined
      if (!answer) return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `non previsto dal test: ${method}` } }
      try {
        return { ok: true, value: await answer(input) }
      } catch (e) {
        return { ok: false, error: { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) } }
      }
    },
    on: () => () => undefined
  }
  return {
    transport,
    calls,
    /** How many times the method was called. */
    count: (method: MethodName) => calls.filter((c) => c.method === method).length,
    /** What the method was sent, call by call. */
    inputs: <M extends MethodName>(method: M) => calls.filter((c) => c.method === method).map((c) => c.input as MethodInput<M>),
    /** The methods called, in order, leaving out the session's own. */
    methods: () => calls.map((c) => c.method).filter((m) => m !== 'auth.session')
  }
}

/** 'auth.session' answered for an operator holding these permissions. */
export function signedIn(permissions: readonly Permission[], role = 'operatore'): () => Session {
  return () => ({ operator: { username: 'mrossi', displayName: 'Mario Rossi', role, permissions: [...permissions] }, demo: false })
}
