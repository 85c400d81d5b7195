import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

// The workspace packages export TypeScript source, so they are bundled; only the native canvas
// binding and the font files (read from disk at run time) stay in node_modules.
const bundled = ['@luot/printing', '@luot/domain', '@luot/protocol', 'zod'];

export default defineConfig({
  main: {
    build: {
      externalizeDeps: { exclude: bundled },
      rollupOptions: { input: { index: 'src/main/index.ts' } },
    },
  },
  preload: {
    // A sandboxed preload must be one CommonJS file.
    build: {
      externalizeDeps: false,
      rollupOptions: {
        input: { index: 'src/preload/index.ts' },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    // Relative asset paths: the same build loads from file:// in Electron and from the hub at /kiosk/.
    base: './',
    root: 'src/renderer',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      emptyOutDir: true,
      rollupOptions: { input: 'src/renderer/index.html' },
    },
  },
});
