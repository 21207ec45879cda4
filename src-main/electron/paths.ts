import { app } from 'electron'
import { join } from 'node:path'

/** Migrations ship as extraResources when packaged, and sit in the repository in development. */
export function migrationsFolder(): string {
  return app.isPackaged ? join(process.resourcesPath, 'migrations') : join(app.getAppPath(), 'resources', 'migrations')
}

export function rendererIndex(): string {
  return join(__dirname, '../renderer/index.html')
}

export function preloadScript(): string {
  return join(__dirname, '../preload/index.js')
}
