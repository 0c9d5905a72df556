import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

export default defineConfig(({ mode }) => ({
  plugins: [react(), tailwindcss()],
  // The Codama clients read process.env["NODE_ENV"]; browsers have no `process`.
  define: { 'process.env': JSON.stringify({ NODE_ENV: mode === 'production' ? 'production' : 'development' }) },
  build: { chunkSizeWarningLimit: 2000 },
}));
