// Plain JS so the root lint (TypeScript project service) and typecheck need no Node types in the browser project.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  // React 17+ automatic JSX runtime through Vite's built-in transformer (no plugin needed for a production build)
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: true,
    // livekit-client (~570 kB) is its own chunk, fetched only when a delegate joins online
    chunkSizeWarningLimit: 600,
    // React in a chunk of its own: cached across deploys of the app code
    rolldownOptions: { output: { codeSplitting: { groups: [{ name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ }] } } },
  },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
      '/socket.io': { target: 'ws://localhost:3000', ws: true },
    },
  },
});
