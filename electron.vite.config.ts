import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'electron-vite'
import { resolve } from 'node:path'

const root = __dirname

export default defineConfig({
  main: {
    build: {
      lib: { entry: resolve(root, 'src-main/index.ts') }
    }
  },
  preload: {
    build: {
      lib: { entry: resolve(root, 'src-preload/index.ts') }
    }
  },
  renderer: {
    root: resolve(root, 'src-renderer'),
    resolve: {
      alias: {
        '@contract': resolve(root, 'src-main/contract'),
        '@': resolve(root, 'src-renderer/src')
      }
    },
    build: {
      rollupOptions: { input: resolve(root, 'src-renderer/index.html') }
    },
    plugins: [vue()]
  }
})
