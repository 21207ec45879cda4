import js from '@eslint/js'
import pluginVue from 'eslint-plugin-vue'
import tseslint from 'typescript-eslint'

// Process boundaries, enforced here and, for indirect imports, by test/unit/core-boundary.test.ts.
const ELECTRON_BANNED = {
  paths: [{ name: 'electron', message: 'Il core gira su Node senza Electron: usare un adattatore in src-main/electron.' }],
  patterns: [{ group: ['electron/*', '@electron/*', 'electron-*'], message: 'Il core non deve dipendere da Electron.' }]
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'resources/migrations/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } }
  },
  {
    rules: {
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // TypeScript already knows every global (DOM in the renderer, Node in main).
      'no-undef': 'off'
    }
  },
  {
    // Everything in src-main except the Electron entry and its adapters runs on plain Node.
    files: ['src-main/**/*.ts', 'src-main/**/*.mjs'],
    ignores: ['src-main/index.ts', 'src-main/electron/**'],
    rules: { 'no-restricted-imports': ['error', ELECTRON_BANNED] }
  },
  {
    // The renderer reaches main only through the contract: no Node, no Electron, no core.
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.vue'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Il renderer usa solo il contratto dei servizi.' }],
          patterns: [
            { group: ['node:*'], message: 'Il renderer gira nel browser: niente moduli Node.' },
            { group: ['**/src-main/core/**', '**/core/*'], message: 'Il renderer usa solo il contratto dei servizi (@contract).' }
          ]
        }
      ]
    }
  },
  {
    files: ['test/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', ELECTRON_BANNED] }
  }
)
