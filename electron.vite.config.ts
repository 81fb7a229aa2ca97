import { cpSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const contract = resolve(__dirname, 'main/api/contract.ts');

/** The Sigma field-mapping files are data read at run time: ship them next to the engine bundle. */
function copyDetectMappings(): Plugin {
  return {
    name: 'vigie-copy-detect-mappings',
    closeBundle() {
      cpSync(resolve(__dirname, 'main/detect/mappings'), resolve(__dirname, 'out/main/detect-mappings'), { recursive: true });
    },
  };
}

// Three bundles: the Electron main process (which also carries the engine and
// the headless CLI entry), the preload (one self-contained CommonJS file so the
// renderer can stay sandboxed) and the React renderer.
export default defineConfig({
  main: {
    plugins: [copyDetectMappings()],
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main.ts'),
          vigie: resolve(__dirname, 'main/cli/vigie.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    base: './',
    resolve: { alias: { '@contract': contract } },
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      minify: true,
      rollupOptions: { input: resolve(__dirname, 'renderer/index.html') },
    },
    plugins: [react()],
  },
});
