import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

const idlDir = join(import.meta.dirname, '..', 'idls');

/**
 * `virtual:idl-errors`: each program's address and its errors (code, name, message) from
 * ../idls/*.json. Codama's generated messages are stripped from production bundles, and a
 * user must see the program's error name and message, so the app takes them from the IDLs.
 */
export function idlErrors(): Plugin {
  const id = 'virtual:idl-errors';
  return {
    name: 'idl-errors',
    resolveId: (source) => (source === id ? `\0${id}` : undefined),
    load(resolved) {
      if (resolved !== `\0${id}`) return undefined;
      const programs = readdirSync(idlDir)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => {
          this.addWatchFile(join(idlDir, f));
          const idl = JSON.parse(readFileSync(join(idlDir, f), 'utf8'));
          return {
            name: idl.metadata?.name ?? f.replace(/\.json$/, ''),
            address: idl.address,
            errors: (idl.errors ?? []).map((e: { code: number; name: string; msg?: string }) => ({
              code: e.code,
              name: e.name,
              msg: e.msg ?? '',
            })),
          };
        });
      return `export default ${JSON.stringify(programs)};`;
    },
  };
}

export default defineConfig(({ mode }) => ({
  plugins: [react(), tailwindcss(), idlErrors()],
  // The Codama clients read process.env["NODE_ENV"]; browsers have no `process`.
  define: { 'process.env': JSON.stringify({ NODE_ENV: mode === 'production' ? 'production' : 'development' }) },
  build: { chunkSizeWarningLimit: 2000 },
}));
