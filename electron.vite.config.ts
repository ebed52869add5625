import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

// One build for the three Electron parts. out/renderer is also what the browser shell
// serves, so this build feeds both shells.
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  main: {
    build: {
      outDir: here('./out/main'),
      // better-sqlite3 is a native addon: it must be loaded from node_modules at run time,
      // never bundled. (Every runtime dependency is external by default; this says why.)
      externalizeDeps: { include: ['better-sqlite3'] },
      rolldownOptions: { input: { index: here('./src/main/electron/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: here('./out/preload'),
      // A sandboxed preload is a single CommonJS script: no ESM, no node_modules.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: here('./src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: here('./src/renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: here('./out/renderer'),
      emptyOutDir: true,
      chunkSizeWarningLimit: 2000,
      // electron-vite leaves the renderer unminified; minified, the window has less script to
      // parse before its first paint (in Electron and in the browser shell alike).
      minify: true,
      rolldownOptions: { input: { index: here('./src/renderer/index.html') } },
    },
  },
});
