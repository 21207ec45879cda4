// The workstation's serial ports for the settings screen. serialport lists them through udev on
// Linux (with USB vendor and product); a machine without udev, or a list that fails, still gets
// the usual device names, and the operator can always type a path.
import { readdirSync } from 'node:fs'
import { SerialPort } from 'serialport'
import { message, type Message } from '../../contract/messages'
import type { SerialPortInfo } from '../../contract/pos'

interface ListedPort {
  path: string
  manufacturer?: string | undefined
  vendorId?: string | undefined
  productId?: string | undefined
  serialNumber?: string | undefined
}

export interface PortListOptions {
  list?: () => Promise<ListedPort[]>
  devDir?: string
  platform?: NodeJS.Platform
}

const DEVICE_NAMES = /^(ttyS\d+|ttyUSB\d+|ttyACM\d+|ttyAMA\d+|rfcomm\d+)$/

export async function listSerialPorts(options: PortListOptions = {}): Promise<{ ports: SerialPortInfo[]; note: Message | null }> {
  const list = options.list ?? (() => SerialPort.list())
  let listed: ListedPort[] = []
  let note: Message | null = null
  try {
    listed = await list()
  } catch (error) {
    note = message('pos.portsUnavailable', { error: error instanceof Error ? error.message : String(error) })
  }
  const ports = new Map<string, SerialPortInfo>()
  for (const p of listed) {
    ports.set(p.path, { path: p.path, manufacturer: p.manufacturer ?? null, vendorId: p.vendorId ?? null, productId: p.productId ?? null, serialNumber: p.serialNumber ?? null })
  }
  // Without the system's list, the usual device names (ttyS* are always there, so only then).
  if (ports.size === 0 && (options.platform ?? process.platform) !== 'win32') {
    const dir = options.devDir ?? '/dev'
    try {
      for (const name of readdirSync(dir).filter((n) => DEVICE_NAMES.test(n)).sort()) {
        const path = `${dir}/${name}`
        if (!ports.has(path)) ports.set(path, { path, manufacturer: null, vendorId: null, productId: null, serialNumber: null })
      }
    } catch {
      // No device folder to read: the system's list is all there is.
    }
  }
  return { ports: [...ports.values()], note }
}
