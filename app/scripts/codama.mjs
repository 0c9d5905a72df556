// Generates the typed clients in src/generated/<program>/ from ../idls/*.json with Codama.
// `node scripts/codama.mjs` writes them; `--check` renders into a temporary directory and fails
// on any difference from the committed files (the codama CLI wants Node 22, hence this script).
import { createFromRoot } from 'codama';
import { rootNodeFromAnchor } from '@codama/nodes-from-anchor';
import { renderVisitor } from '@codama/renderers-js';
import { mkdtempSync, readdirSync, readFileSync, rmSync, cpSync, existsSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const appDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const idlDir = join(appDir, '..', 'idls');
const targetDir = join(appDir, 'src', 'generated');
const check = process.argv.includes('--check');

const programs = readdirSync(idlDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -'.json'.length))
  .sort();

const work = mkdtempSync(join(tmpdir(), 'se-codama-'));
try {
  for (const program of programs) {
    const idl = JSON.parse(readFileSync(join(idlDir, `${program}.json`), 'utf8'));
    const codama = createFromRoot(rootNodeFromAnchor(idl));
    // The package folder has no package.json, so nothing is synced and no prettier config
    // is picked up from around the checkout: the output depends on the IDL only.
    await codama.accept(
      renderVisitor(work, {
        generatedFolder: program,
        syncPackageJson: false,
        kitImportStrategy: 'rootOnly',
        deleteFolderBeforeRendering: true,
      }),
    );
  }

  patchPluginTypes(work);

  if (check) {
    const diffs = compareTrees(work, targetDir);
    if (diffs.length > 0) {
      console.error('src/generated/ differs from what Codama generates from idls/:');
      for (const d of diffs) console.error(`  ${d}`);
      console.error('Run `npm run codama` and commit the result.');
      process.exit(1);
    }
    console.log(`src/generated/ is up to date (${programs.length} programs).`);
  } else {
    rmSync(targetDir, { recursive: true, force: true });
    cpSync(work, targetDir, { recursive: true });
    console.log(`Generated ${programs.join(', ')} into ${relative(appDir, targetDir)}/.`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

/**
 * renderers-js 2.2.0 types each program plugin as `Omit<T, key> & { key: Plugin }`, which the
 * `ExtendedClient` that @solana/kit 7.0.0's `extendClient` returns is not assignable to under
 * `strict` (TS2322, in the plugin function only). Kit 7.0.0 is pinned by @solana/react 7.0.0, so
 * the one line is marked; `@ts-expect-error` fails the typecheck once a version fixes it.
 */
function patchPluginTypes(root) {
  const marker = '    return extendClient(client, {';
  for (const f of listFiles(root).filter((f) => /\/programs\/[^/]+\.ts$/.test(f))) {
    const path = join(root, f);
    const text = readFileSync(path, 'utf8');
    if (!text.includes(marker)) continue;
    writeFileSync(
      path,
      text.replace(
        marker,
        '    // @ts-expect-error kit 7.0.0 ExtendedClient vs renderers-js 2.2.0 plugin type (scripts/codama.mjs)\n' + marker,
      ),
    );
  }
}

function listFiles(root) {
  const out = [];
  if (!existsSync(root)) return out;
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(root, p));
    }
  };
  walk(root);
  return out;
}

function compareTrees(expectedRoot, actualRoot) {
  const expected = new Set(listFiles(expectedRoot));
  const actual = new Set(listFiles(actualRoot));
  const diffs = [];
  for (const f of expected) {
    if (!actual.has(f)) diffs.push(`missing: ${f}`);
    else if (!readFileSync(join(expectedRoot, f)).equals(readFileSync(join(actualRoot, f)))) {
      diffs.push(`changed: ${f}`);
    }
  }
  for (const f of actual) if (!expected.has(f)) diffs.push(`extra: ${f}`);
  return diffs;
}
