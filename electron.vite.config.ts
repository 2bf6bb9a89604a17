import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        // Each worker thread is its own entry, started by URL from index.js (see src-main/workers).
        input: {
          index: resolve(__dirname, 'src-main/index.ts'),
          'feed-import.worker': resolve(__dirname, 'src-main/workers/feed-import.worker.ts'),
          'order-import.worker': resolve(__dirname, 'src-main/workers/order-import.worker.ts'),
        },
        // Native module: loaded from node_modules at run time, never bundled.
        external: ['better-sqlite3'],
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { preload: resolve(__dirname, 'src-main/preload.ts') },
        // A sandboxed preload can only require('electron'): everything else is bundled in, as CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
      externalizeDeps: false,
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    build: {
      minify: true,
      // A desktop app loads its bundle from disk; one ~550 kB chunk (react-dom, zod, phone metadata) is fine.
      chunkSizeWarningLimit: 1000,
      rollupOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') } },
    },
    plugins: [react()],
  },
});
