import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));

/**
 * Renderer-only build used by the browser preview and the e2e tests. `electron.vite.config.ts`
 * must build the renderer the same way (root src/renderer, React plugin, relative base), so that
 * one `out/renderer` works from file:// in Electron and from the preview server.
 */
export default defineConfig({
  root: fileURLToPath(new URL('./src/renderer', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: `${repoRoot}out/renderer`,
    emptyOutDir: true,
    // Loaded from disk or loopback, never over a network: one bundle is simpler than code-splitting.
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      onwarn(warning, warn) {
        // zod ships comments Rollup cannot place; harmless, and noise in every build log.
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
        warn(warning);
      },
    },
  },
});
