// One operator action at a time: busy while it runs, the Italian message of what went wrong, and
// nothing else to remember in each form.
import { errorText } from '@/i18n/say'
import { ref } from 'vue'

export function useAction() {
  const busy = ref(false)
  const error = ref<string | null>(null)
  /** Runs the action; its result, or undefined when it failed (the message is in `error`). */
  async function run<T>(action: () => Promise<T>): Promise<T | undefined> {
    busy.value = true
    error.value = null
    try {
      return await action()
    } catch (e) {
      error.value = errorText(e)
      return undefined
    } finally {
      busy.value = false
    }
  }
  return { busy, error, run }
}
