import { app } from 'electron'
import { join } from 'node:path'

/** migrations/ and specs/ ship as extraResources when packaged, and sit in the repository in development. */
export function resourcesDir(): string {
  return app.isPackaged ? process.resourcesPath : join(app.getAppPath(), 'resources')
}

export function rendererIndex(): string {
  return join(__dirname, '../renderer/index.html')
}

export function preloadScript(): string {
  return join(__dirname, '../preload/index.js')
}
