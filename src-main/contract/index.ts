export * from './app'
export * from './dues'
export * from './errors'
export * from './events'
export * from './methods'

/** The name of the IPC channels; shared so preload and main cannot drift apart. */
export const IPC_INVOKE_CHANNEL = 'sportello:invoke'
export const IPC_EVENT_CHANNEL = 'sportello:event'

/** What the preload exposes on window.sportello. */
export interface PreloadBridge {
  invoke(method: string, input: unknown): Promise<import('./errors').RpcResult<unknown>>
  on(event: string, listener: (payload: unknown) => void): () => void
}
