// dues.search on its own, light to load: the first screen answers it before the other services
// are loaded (desk-runtime.ts), and services/dues.ts answers it with the same handler afterwards.
import type { ServiceHandlers } from '../../contract/methods'
import { createDueSearch, type DueSearch } from '../dues/search'
import type { ServiceContext } from './context'

export function dueSearchServices(ctx: Pick<ServiceContext, 'sqlite'>, search: DueSearch = createDueSearch(ctx.sqlite)) {
  return {
    'dues.search': (input) => search(input),
    'dues.count': (input) => search.count(input)
  } satisfies Partial<ServiceHandlers>
}
