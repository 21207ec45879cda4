import type { SETTINGS_MESSAGES } from '@contract/messages/settings'
import type { Catalog } from '@contract/messages'

export const SETTINGS_EN: Catalog<typeof SETTINGS_MESSAGES> = {
  setup: {
    notConfigured: 'First-run setup not completed: choose whether to try with demo data or to connect this desk to the ente’s pagoPA.',
    alreadyConfigured: 'The desk is already configured: its settings are changed in Settings.',
    inProgress: 'Setup in progress: please wait.',
    notStarted: 'The desk is not configured yet (first-run setup).',
    invalidFiscalCode: 'Invalid ente fiscal code: {code}. Nothing was saved.',
    backendFailed: 'The pagoPA backend does not answer as it should: {reason} Nothing was saved.',
    posFailed: 'POS: {reason} Choose “No terminal” to set it up later. Nothing was saved.',
    virtualTerminal: 'The virtual terminal is only for trying the desk with demo data.'
  },

  identity: {
    demoToLive:
      'This data folder belongs to a demo desk: its data are for trying out and cannot be sent to an ente’s pagoPA ({origin}). To connect a real desk use a new data folder (sportello config --data NEW_FOLDER …, or the SPORTELLO_DATA_DIR variable for the app): the first-run setup prepares it.',
    liveToDemo:
      'This data folder is connected to the pagoPA of ente {ente} ({origin}): the simulator and the demo data do not start on it. To try with demo data use a new data folder (sportello serve --demo --data NEW_FOLDER, or the SPORTELLO_DATA_DIR variable for the app).',
    otherBackend: 'This data folder was filled by the backend {origin}: it cannot sync with {requested}, the dues of the two would mix. For another backend use a new data folder.',
    otherEnte: 'This data folder holds the dues of ente {ente}: it cannot move to another ente ({requested}). For another ente use a new data folder.',
    enteMissing: 'Ente not configured: set the ente’s details (sportello config --ente FILE.json) before connecting the pagoPA backend.'
  },

  backend: {
    enteRequired: 'Set the ente’s details first (Settings › Ente): the backend needs them.',
    enteMissing: 'Set the ente’s details first (Settings › Ente).',
    reachable: 'Backend reachable: {host} answers for ente {ente} ({count} positions due today).',
    keyRefused: 'The backend refuses the subscription key: check it in the pagoPA developer portal.'
  },

  ente: {
    invalidFiscalCode: 'Invalid ente fiscal code: {code}.',
    logoNotPng: 'The logo must be a PNG image.'
  },

  desk: {
    notSet: 'Desk number not set: whoever manages the settings chooses it in Settings › Desk. Each desk of the ente has its own.',
    collision: 'Desk number {number} is also used by another desk: creating dues is blocked until another number is chosen (Settings › Desk).',
    confirmChange: 'With number {number} this desk has already issued notice numbers: confirm the change of number.',
    numberInUse: 'Number {number} is already used by another desk: due {iupd} has IUV {iuv}. Choose another number.'
  },

  dueType: {
    invalid: '{code}: {reason}',
    postalIbanInvalid: '{code}: postal IBAN. {reason}',
    postalAccountDigits: '{code}: the postal account number has digits only (12 at most).',
    postalIbanRequired: '{code}: a postal account also needs the postal IBAN.',
    notJson: 'The file is not valid JSON.',
    importIssue: 'Due type no. {n}: {path} {reason}'
  },

  registry: {
    unreadable: 'CSV file not readable: {detail}',
    nameMissing: 'Surname and name (or the company name) are missing.'
  },

  privacy: {
    noData: 'No data for fiscal code {code} in this workstation’s cache.'
  },

  cache: {
    locked: 'The cache ({file}) is locked by another program, perhaps another Sportello Dovuti window: close it and open again.',
    newerSchema: 'The cache was updated by a newer version of Sportello Dovuti (schema {found}, this version knows up to {known}): install the latest version. The cache was not changed.',
    openElsewhere: 'Sportello Dovuti seems to be open on this data folder: close it before restoring a copy.',
    badBackup: 'The copy {file} is unreadable or damaged: choose another one.',
    damagedRestored:
      'The local cache was damaged and has been restored from the backup copy {backup}. Unsent changes recovered: {changes} (on {dues} dues). The previous file is kept as {aside}.',
    damagedRecreated:
      'The local cache was damaged and has been recreated empty (no sound backup copy): the sync will fill it again. Unsent changes recovered: {changes} (on {dues} dues). The previous file is kept as {aside}.',
    restored: 'The local cache has been restored from the backup copy {backup}. Unsent changes recovered: {changes} (on {dues} dues). The previous file is kept as {aside}.',
    damagedFound:
      'The check of the local cache found damage: close and reopen Sportello Dovuti, which will restore it from the latest sound backup copy keeping the changes not yet sent. Meanwhile no backup copy is taken from this cache.'
  }
}
