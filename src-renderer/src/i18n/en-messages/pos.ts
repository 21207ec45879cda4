import type { POS_MESSAGES } from '@contract/messages/pos'
import type { Catalog } from '@contract/messages'

export const POS_EN: Catalog<typeof POS_MESSAGES> = {
  openPaymentRefusal: 'A POS payment of this due has an uncertain outcome: settle it before trying again.',
  awaitingReceipt: 'This notice was already paid with the POS: the due will turn paid when the pagoPA receipt arrives with the synchronisation.',
  awaitingReceiptStan: 'This notice was already paid with the POS (STAN {stan}): the due will turn paid when the pagoPA receipt arrives with the synchronisation.',
  verbatim: '{text}',

  // The desk's terminal
  terminalName: {
    serial: '{path} ({line})',
    network: '{host}:{port}',
    virtual: 'Virtual terminal {terminalId}',
    none: 'No POS terminal configured'
  },
  noTerminal: 'No POS terminal is connected to this desk: set one up in Settings › POS.',
  virtualOnlyInDemo: 'The virtual terminal exists only in the trial with demonstration data: on a desk connected to the organisation choose a serial/USB or network POS.',
  unreachable: 'POS unreachable ({terminal}): {error}. No charge was requested.',
  busy: 'The POS is carrying out an operation: wait for it to finish.',
  sessionBusy: 'The POS is already carrying out an operation',
  pendingBeforeSwitch: 'A POS payment is waiting for its outcome to be checked with the current terminal: complete that before changing terminal.',

  // A payment and its journal
  busyPaying: 'The POS is already carrying out a payment: wait for it to finish.',
  unavailable: 'POS not available: {reason}. No charge was requested.',
  unavailableNoAnswer: 'POS not available: no answer. No charge was requested.',
  nothingToResolve: 'This POS payment has no outcome to settle.',
  resolveAlreadyPaid: 'The notice is already paid: a POS charge must be reversed or refunded to the citizen, then marked here as not charged.',
  entryNotFound: 'POS operation not found.',
  receiptOnlyApproved: 'Only an approved payment has a receipt.',

  // What the payment dialog shows while the terminal works
  progress: {
    sending: 'Sending to the POS…',
    checking: 'Checking the outcome with the POS…',
    waiting: 'The POS is busy or not answering: waiting to check the outcome (do not repeat the payment)…'
  },

  // The outcome, as the journal keeps it
  outcome: {
    notSent: 'Payment not sent to the POS: {reason}',
    unknownExchange: 'POS outcome to be checked: unknown outcome ({reason})',
    noResult: 'POS outcome to be checked: no result',
    unreadable: 'POS outcome to be checked: unreadable answer',
    declined: 'Payment failed: {text}',
    amountMismatch: 'Uncertain outcome: the authorised amount differs from the one requested.',
    approved: 'Payment approved, STAN {stan}, authorisation {authCode}',
    recovered: 'Payment approved (recovered from the POS), STAN {stan}',
    pspApproved: '{outcome}. pagoPA payment: the due will turn paid with the receipt, at the next synchronisation.',
    doubleCharge: 'Uncertain outcome: the POS reports an approved payment (STAN {stan}) for a notice already paid. Check for a possible double charge.',
    noLastResult: 'Uncertain outcome: the POS did not report its last result. Check the receipt or the POS journal.',
    notPerformed: 'Payment not carried out by the POS: it can be tried again.',
    differentAmount: 'Uncertain outcome: the POS reports a payment of a different amount ({cents} cents).',
    confirmedByOperator: 'Outcome confirmed by the operator: {note}',
    notPerformedByOperator: 'Not carried out, confirmed by the operator: {note}'
  },

  // Why nothing reached the terminal
  reason: {
    notConnected: 'POS not connected',
    silent: 'the POS is not answering',
    nak: 'the POS refuses the message (NAK): check the terminal code and the kind of check (LRC)',
    noResponse: 'the terminal is not answering',
    busy: 'the terminal is busy with another operation',
    notReady: 'the terminal is not ready (state {state})',
    notConfigured: 'the terminal is not ready (state {state}, not configured)',
    updating: 'the terminal is not ready (state {state}, update in progress)',
    linkClosed: 'link closed',
    linkBroken: 'link interrupted',
    closedByTerminal: 'link closed by the terminal'
  },

  // Opening the link
  link: {
    portNotOpened: 'Port {path} cannot be opened: {error}',
    unreachable: 'POS {terminal} unreachable: {error}',
    timeout: 'POS {terminal} unreachable'
  },

  // End of day
  closing: {
    notSent: 'Closing not sent to the POS: {reason}. Try again.',
    unconfirmed: 'The POS did not confirm the closing: print the totals from the terminal and check them before trying again.',
    refused: 'Closing refused by the POS: {description} (code {code}).',
    refusedNoReason: 'Closing refused by the POS: no explanation (code {code}).',
    notFound: 'POS closing not found.'
  },

  // "Prova connessione"
  test: {
    operative: 'POS reachable ({terminal}): terminal {terminalId}, operational, LRC check “{scope}”.',
    busy: 'POS reachable ({terminal}): terminal {terminalId}, busy with an operation, LRC check “{scope}”.',
    state: 'POS reachable ({terminal}): terminal {terminalId}, in state {state}, LRC check “{scope}”.',
    refusedEveryScope: 'The POS answers but refuses the messages with every kind of check: check the terminal code (or use 00000000) and that the POS’s ECR parameters are configured.',
    unreachable: 'POS unreachable: check the port or the address and that the terminal is switched on.'
  },
  portsUnavailable: 'The system’s list of ports is not available ({error}): the port’s path can be typed in.',

  // What the terminal accepts in a request
  ecr17: {
    terminalIdDigits: 'Terminal code: {width} digits at most',
    cashRegisterIdDigits: 'Cash register code: {width} digits at most',
    amountDigits: 'Amount: {width} digits at most',
    amountRange: 'Amount not accepted by the POS (from €0.01 to €999,999.99)'
  }
}
