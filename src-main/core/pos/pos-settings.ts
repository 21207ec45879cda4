// Which terminal the desk uses: the schema lives in the contract (the settings screen, the command
// line and main check the same rules).
export { PosSettingsSchema, type PosSettings } from '../../contract/pos'
