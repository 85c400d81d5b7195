/**
 * Renders the sample ticket for 80 mm and 58 mm paper, prints each through the TCP transport
 * to the printer emulator, decodes what the emulator received and writes it as a PNG under
 * docs/screenshots/: the picture is what a printer would put on paper.
 *
 * Run: pnpm sample:ticket   (or: npx tsx scripts/render-sample-ticket.ts)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  bitmapToPng,
  countDifferentPixels,
  createPrinter,
  createTcpTransport,
  decodeRaster,
  encodeBitmap,
  renderTicket,
  sampleTicket,
  startPrinterEmulator,
} from '@luot/printing';
import type { PaperWidth } from '@luot/printing';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'screenshots');
mkdirSync(outDir, { recursive: true });

const emulator = await startPrinterEmulator({ host: '127.0.0.1', port: 0 });
try {
  const printer = createPrinter(createTcpTransport({ host: emulator.host, port: emulator.port }));
  const data = sampleTicket();
  for (const paper of ['80mm', '58mm'] as PaperWidth[]) {
    const rendered = renderTicket(data, { paper });
    await printer.print(encodeBitmap(rendered));
    const printed = decodeRaster(emulator.tickets().at(-1)!);
    const diff = countDifferentPixels(printed, rendered);
    if (diff !== 0)
      throw new Error(`${paper}: the printed image differs from the rendered one in ${diff} dots`);
    const file = join(outDir, `ticket-${paper}.png`);
    writeFileSync(file, bitmapToPng(printed));
    console.log(`${file}: ${printed.width}×${printed.height} dots`);
  }
} finally {
  await emulator.close();
}
