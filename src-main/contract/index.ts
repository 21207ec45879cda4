export * from './app'
export * from './desk'
export * from './dues'
export * from './errors'
export * from './events'
export * from './methods'
export * from './pos'

export { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type PreloadBridge } from './bridge'
