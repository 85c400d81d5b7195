// The only door between the kiosk screen and the machine: a few typed calls, nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_CHANNELS, type KioskBridge, type PrinterStatus } from '../shared/bridge.ts';

const bridge = {
  config: () => ipcRenderer.invoke(BRIDGE_CHANNELS.config),
  printTicket: (ticket) => ipcRenderer.invoke(BRIDGE_CHANNELS.printTicket, ticket),
  printerStatus: () => ipcRenderer.invoke(BRIDGE_CHANNELS.printerStatus),
  onPrinterStatus: (listener) => {
    const handler = (_event: unknown, status: PrinterStatus) => listener(status);
    ipcRenderer.on(BRIDGE_CHANNELS.printerStatusChanged, handler);
    return () => {
      ipcRenderer.removeListener(BRIDGE_CHANNELS.printerStatusChanged, handler);
    };
  },
  openSettings: (pin) => ipcRenderer.invoke(BRIDGE_CHANNELS.openSettings, pin),
  saveSettings: (request) => ipcRenderer.invoke(BRIDGE_CHANNELS.saveSettings, request),
  quit: (pin) => ipcRenderer.invoke(BRIDGE_CHANNELS.quit, pin),
} satisfies KioskBridge;

contextBridge.exposeInMainWorld('luot', bridge);
