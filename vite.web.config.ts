import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Builds the renderer for the browser shell (src/main/web serves out/renderer). The
// Electron build (electron.vite.config.ts) builds the same renderer; base './' lets both
// load it from a file or any path.
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('./src/renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: here('./out/renderer'),
    emptyOutDir: true,
    // Mantine and the icon set are one chunk of about a megabyte; it is loaded from disk.
    chunkSizeWarningLimit: 2000,
  },
});
