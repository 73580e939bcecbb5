import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const coreSource = fileURLToPath(new URL('../core/src/', import.meta.url));

// The app imports @laoshi/core from source so the browser and the server run the same code.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  resolve: { alias: { '@laoshi/core': fileURLToPath(new URL('../core/src/index.ts', import.meta.url)) } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      // Core's modules only define things (STYLE.md: importing has no side effects), so what a page
      // does not use is left out: the editor takes two geometry helpers from core, not its zod
      // schemas and XML reader, which its barrel index would otherwise drag in.
      treeshake: { moduleSideEffects: (id) => !id.startsWith(coreSource) },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
