// Builds dist/: ESM JavaScript and .d.ts declarations that plain Node ESM, bundlers and
// TypeScript (any moduleResolution) can import. Runs on `npm ci` at the repository's root
// (the `prepare` script), on `npm pack`, and as `npm run build`.
//
// Why esbuild: Codama writes extensionless relative imports (`from "./accounts"`), which
// bundlers accept and Node's ESM loader does not. esbuild bundles each program's client into one
// file at build time (dist/central-bank.js...). The root (dist/index.js) bundles the hand-written
// helpers and imports the programs from those files, unbundled: the root's `centralBank` and
// `@sourceenergy/client/central-bank` are then one module, and an app's bundler can drop the
// programs it does not use (a namespace object esbuild built would keep all six in the app).
// Every package import stays external: @solana/kit is a peer dependency, and the app and this
// package must share one copy of it. tsup would do the same on top of esbuild but needs Node 22.
//
// Declarations: tsc writes them into dist/types/ (mirroring src/); their extensionless
// relative specifiers are then made explicit (`./accounts/index.js`), the form TypeScript's
// node16/nodenext resolution requires.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(packageDir, 'dist');

/** Each program's folder in src/generated/ → its entry, dist/<entry>.js (package.json `exports`). */
const programs = {
  central_bank: 'central-bank',
  marketplace: 'marketplace',
  grid_market: 'grid-market',
  community: 'community',
  household: 'household',
  member: 'member',
};
const entries = {
  index: 'src/index.ts',
  ...Object.fromEntries(Object.entries(programs).map(([dir, entry]) => [entry, `src/generated/${dir}/index.ts`])),
};

/** The hand-written sources import a program's client from its built entry. */
const programsAsEntries = {
  name: 'programs-as-entries',
  setup(b) {
    b.onResolve({ filter: /^\.\/generated\/\w+$/ }, ({ path, importer }) => {
      const entry = programs[path.slice('./generated/'.length)];
      if (!entry || importer.includes(`${sep}generated${sep}`)) return undefined;
      return { path: `./${entry}.js`, external: true };
    });
  },
};

rmSync(dist, { recursive: true, force: true });

await build({
  absWorkingDir: packageDir,
  entryPoints: entries,
  outdir: 'dist',
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  packages: 'external',
  plugins: [programsAsEntries],
  logLevel: 'warning',
});

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', join(packageDir, 'tsconfig.build.json')], { stdio: 'inherit' });
const types = join(dist, 'types');
for (const file of walk(types).filter((f) => f.endsWith('.d.ts'))) {
  const text = readFileSync(file, 'utf8');
  const fixed = text.replace(
    /(from\s+|import\()(["'])(\.{1,2}\/[^"']*)\2/g,
    (_m, lead, quote, spec) => `${lead}${quote}${explicit(dirname(file), spec)}${quote}`,
  );
  if (fixed !== text) writeFileSync(file, fixed);
}
console.log(`Built ${relative(process.cwd(), dist) || 'dist'}/ (${Object.keys(entries).length} entries).`);

/** `./accounts` → `./accounts/index.js` or `./accounts.js`, whichever declaration exists. */
function explicit(fromDir, spec) {
  if (spec.endsWith('.js')) return spec;
  const target = join(fromDir, spec);
  if (existsSync(join(target, 'index.d.ts'))) return `${spec}/index.js`;
  if (existsSync(`${target}.d.ts`)) return `${spec}.js`;
  throw new Error(`cannot resolve ${spec} from ${relative(packageDir, fromDir)}`);
}

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}
