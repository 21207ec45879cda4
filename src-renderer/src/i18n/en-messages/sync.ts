import type { SYNC_MESSAGES } from '@contract/messages/sync'
import type { Catalog } from '@contract/messages'

export const SYNC_EN: Catalog<typeof SYNC_MESSAGES> = {
  progressWindow: 'Window {from} – {to}',
  progressPush: 'Sending changes',
  completed: 'Sync completed.',
  completedPending: 'Sync completed; {count} changes still waiting to be sent.',
  failed: 'Sync failed.',
  error: '{detail}',
  backendName: {
    gpd: '{host}',
    simulator: 'Embedded GPD simulator (demo data)',
    none: 'Not configured'
  },
  cancelledUnsent: 'cancelled before sending',

  backendNotConfigured: 'No pagoPA backend address is set for this desk: enter it in Settings › pagoPA backend or with sportello sync --backend URL.',
  enteNotConfigured: 'Ente not configured: set the ente’s details before connecting the pagoPA backend.',
  notInCache: 'Due {iupd} is no longer in the local cache.',

  conflict: {
    earlierRefused: 'Not sent: an earlier change to the same due was refused.',
    iupdTaken: 'Identifier {iupd} is already used on the backend by another due: the due was not sent.',
    iuvTaken: 'IUV or notice number already on the backend for another due: the due was not sent.',
    editRefused: 'Change not applied: on the backend the due is {status}.',
    editGone: 'Change not applied: the due no longer exists on the backend.',
    deleteRefused: 'Deletion not applied: on the backend the due is {status}. The due has been restored.',
    invalidateRefused: 'Cancellation not applied: on the backend the due is {status}.',
    invalidateGone: 'Cancellation not applied: the due no longer exists on the backend.',
    paidViaPagopa: 'The due is already paid through pagoPA: check for a possible double payment.',
    paymentRefused: 'Payment not registered on the backend: the due is {status}.',
    goneFromBackend: 'The due no longer exists on the pagoPA backend.'
  },
  backendStatus: {
    paid: 'already paid',
    partiallyPaid: 'partly paid',
    reported: 'already paid and reported',
    invalid: 'cancelled',
    expired: 'expired',
    draft: 'a draft',
    published: 'published',
    valid: 'to be paid',
    gone: 'no longer there',
    paidMeanwhile: 'paid'
  },
  gpd: {
    timeout: 'The pagoPA backend did not answer within {seconds} seconds.',
    network: 'pagoPA backend unreachable: check the connection.',
    unreadable: 'Unreadable answer from the pagoPA backend ({operation}).',
    rateLimited: 'The pagoPA backend asks to slow down the requests.',
    server: 'pagoPA backend error (HTTP {status}).',
    rejected: 'The pagoPA backend refused the request (HTTP {status}).',
    rejectedProblem: 'The pagoPA backend refused the request (HTTP {status}): {problem}',
    nonConforming: 'Answer of the pagoPA backend not conforming ({operation}): {problems}',
    requestNonConforming: 'Request not conforming to the GPD specification ({operation}): {problems}'
  }
}
