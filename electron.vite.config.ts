import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'electron-vite'
import { resolve } from 'node:path'
import type { Plugin } from 'vite'
import { contentSecurityPolicy } from './src-main/core/host/content-security'

const root = __dirname

/** Writes the CSP into the built index.html: file:// pages in Electron get no response headers. */
function cspMetaTag(): Plugin {
  return {
    name: 'sportello-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy({ meta: true }) }, injectTo: 'head-prepend' }
    ]
  }
}

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
    plugins: [vue(), cspMetaTag()]
  }
})
