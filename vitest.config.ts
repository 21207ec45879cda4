import vue from '@vitejs/plugin-vue'
import { playwright } from '@vitest/browser-playwright'
import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './test/helpers/browser'

const alias = {
  '@contract': resolve(__dirname, 'src-main/contract'),
  '@': resolve(__dirname, 'src-renderer/src')
}

export default defineConfig({
  test: {
    // Under CI a JSON report gives .ci/run exact counts.
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'test-results/vitest.json' }]] : ['default'],
    projects: [
      {
        test: {
          name: 'node',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000
        },
        resolve: { alias }
      },
      {
        plugins: [vue()],
        resolve: { alias },
        test: {
          name: 'ui',
          include: ['test/ui/**/*.test.ts'],
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            instances: [{ browser: 'chromium' }],
            provider: playwright({ launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS } })
          }
        }
      }
    ]
  }
})
