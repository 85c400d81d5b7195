import { BrowserWindow } from 'electron';
import type { OsPrinting } from './print-router.ts';

/** Microns per printer dot at 203 dpi (8 dots per millimetre). */
const MICRONS_PER_DOT = 125;

/** The page printed through the driver: the ticket image at its true size, nothing else. */
export function ticketPageHtml(png: Buffer, widthDots: number): string {
  const widthMm = widthDots / 8;
  return [
    '<!doctype html><html><head><meta charset="utf-8">',
    '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; img-src data:; style-src \'unsafe-inline\'">',
    `<style>@page{margin:0}html,body{margin:0;padding:0}img{display:block;width:${widthMm}mm;image-rendering:pixelated}</style>`,
    `</head><body><img src="data:image/png;base64,${png.toString('base64')}"></body></html>`,
  ].join('');
}

/**
 * Silent printing through an OS printer driver (the common case on Windows): the rendered
 * ticket is put on a hidden page of exactly its size and printed with webContents.print to
 * the named printer, with no dialog. A job the driver refuses rejects with its reason.
 */
export function createOsPrinting(): OsPrinting {
  return {
    async print(png, { deviceName, widthDots, heightDots }) {
      const win = new BrowserWindow({
        show: false,
        webPreferences: { sandbox: true, contextIsolation: true, javascript: false },
      });
      try {
        await win.loadURL(
          `data:text/html;charset=utf-8,${encodeURIComponent(ticketPageHtml(png, widthDots))}`,
        );
        await new Promise<void>((resolve, reject) => {
          win.webContents.print(
            {
              silent: true,
              deviceName,
              printBackground: true,
              color: false,
              margins: { marginType: 'none' },
              pageSize: {
                width: widthDots * MICRONS_PER_DOT,
                height: heightDots * MICRONS_PER_DOT,
              },
            },
            (success, failureReason) =>
              success
                ? resolve()
                : reject(new Error(`The printer driver refused the job: ${failureReason}`)),
          );
        });
      } finally {
        win.destroy();
      }
    },
    async printers() {
      const win = new BrowserWindow({ show: false });
      try {
        return (await win.webContents.getPrintersAsync()).map((p) => p.name);
      } finally {
        win.destroy();
      }
    },
  };
}
