// The package as a user gets it: `npm pack` (which builds dist/ through `prepare`), the tarball
// installed with @solana/kit into a scratch project outside the workspace, and
// fixtures/read-accounts.mjs run there with plain `node` against `localnet --economy`: one
// account of each program, decoded by the packed build, must equal what this package's sources
// decode from the same chain and fit the economy's manifest. Then fixtures/consumer.mts
// type-checks against the installed declarations under `moduleResolution: nodenext`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { address, createSolanaRpc, type Address } from '@solana/kit';
import { fetchGovernance, fetchPolicy, findGovernancePda, findPolicyPda } from '../src/generated/central_bank';
import { fetchCommunity, findCommunityPda, findVaultPda as findCommunityVaultPda } from '../src/generated/community';
import { fetchMarket, findMarketPda } from '../src/generated/grid_market';
import { fetchHousehold, findVaultPda as findHouseholdVaultPda } from '../src/generated/household';
import { fetchPool, findPoolPda } from '../src/generated/marketplace';
import { fetchMember, findMemberPda } from '../src/generated/member';
import { findHouseholdPda } from '../src/pda';
import { startNode, type LocalNode } from './harness';

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));
const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { name: string; version: string };
const tarballName = `${pkg.name.replace('@', '').replace('/', '-')}-${pkg.version}.tgz`;
/** The `npm test` this runs under exports npm's settings (prefix, workspace...) as npm_* variables;
 *  the scratch project's npm must not follow them back into the workspace. */
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
const DEFAULT_ADDRESS = '11111111111111111111111111111111';

let node: LocalNode;
let scratch: string;

async function packAndInstall(dir: string) {
  await run('npm', ['pack', '--pack-destination', dir], { cwd: packageDir, env });
  await run('npm', ['init', '-y'], { cwd: dir, env });
  await run('npm', ['install', '--no-audit', '--no-fund', join(dir, tarballName), '@solana/kit@7.0.0'], {
    cwd: dir,
    env,
  });
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'se-pack-'));
  [node] = await Promise.all([startNode(), packAndInstall(scratch)]);
});

afterAll(async () => {
  await node?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** Decoded accounts as the fixture prints them: bigints as strings, bytes as arrays. */
const asJson = (value: unknown) =>
  JSON.parse(
    JSON.stringify(value, (_k, v) =>
      typeof v === 'bigint' ? v.toString() : v instanceof Uint8Array ? Array.from(v) : v,
    ),
  );

describe('@sourceenergy/client from its tarball', () => {
  it('reads and decodes an account of each program with plain Node ESM', async (ctx) => {
    const economy = node.economy;
    const first = economy?.members?.[0];
    if (!economy || !first) return ctx.skip(); // the accounts come from localnet --economy
    copyFileSync(fixture('read-accounts.mjs'), join(scratch, 'read-accounts.mjs'));
    const { stdout } = await run('node', ['read-accounts.mjs', node.rpcUrl, join(node.dir, 'economy.json')], {
      cwd: scratch,
      env,
    });
    const out = JSON.parse(stdout);
    expect(out.sameModule, 'the root namespace and the subpath are one module').toBe(true);

    // The same accounts read here from the package's sources.
    const rpc = createSolanaRpc(node.rpcUrl);
    const [governance, policy, pool, market, community, household, member] = await Promise.all([
      findGovernancePda().then(([a]) => fetchGovernance(rpc, a)),
      findPolicyPda().then(([a]) => fetchPolicy(rpc, a)),
      fetchPool(rpc, address(economy.pools[0])),
      findMarketPda().then(([a]) => fetchMarket(rpc, a)),
      fetchCommunity(rpc, address(economy.communities[0])),
      fetchHousehold(rpc, address(economy.households[0])),
      findMemberPda({ wallet: address(first.wallet) }).then(([a]) => fetchMember(rpc, a)),
    ]);
    for (const [name, account] of Object.entries({ governance, policy, pool, market, community, household, member })) {
      expect(out[name], name).toEqual(asJson({ address: account.address, data: account.data }));
    }

    // And what they say fits the economy.
    const currency = economy.mints.currency as Address;
    const g = out.governance.data;
    expect(g.threshold).toBeGreaterThanOrEqual(1);
    expect(g.threshold).toBeLessThanOrEqual(g.memberCount);
    expect(out.policy.data.params.epochLengthSecs).toBeGreaterThan(0);
    expect(out.market.data.currencyMint).toBe(currency);
    expect(out.market.data.energyCreditMint).toBe(economy.mints.energyCredit);
    expect(out.pool.address).toBe((await findPoolPda({ assetMint: out.pool.data.assetMint }))[0]);
    expect(out.pool.data.currencyMint).toBe(currency);
    expect(BigInt(out.pool.data.assetReserve)).toBeGreaterThan(0n);
    expect(BigInt(out.pool.data.currencyReserve)).toBeGreaterThan(0n);
    const c = out.community;
    expect(c.address).toBe((await findCommunityPda({ id: c.data.id }))[0]);
    expect(c.data.vault).toBe((await findCommunityVaultPda({ community: c.address }))[0]);
    expect(c.data.currencyMint).toBe(currency);
    expect(BigInt(c.data.totalShares)).toBeGreaterThan(0n);
    const h = out.household;
    expect(h.address).toBe((await findHouseholdPda({ id: h.data.id }))[0]);
    expect(h.data.vault).toBe((await findHouseholdVaultPda({ household: h.address }))[0]);
    expect(h.data.trusteeCount).toBeGreaterThanOrEqual(1);
    const m = out.member.data;
    expect(m.wallet).toBe(first.wallet);
    expect(m.household).toBe(first.household ?? DEFAULT_ADDRESS);
    // A member of a household trust belongs to its community through the trust.
    const viaTrust = m.household === DEFAULT_ADDRESS ? null : await fetchHousehold(rpc, m.household);
    expect(viaTrust ? viaTrust.data.community : m.community).toBe(first.community);
  });

  it('type-checks a TypeScript consumer with nodenext resolution against its declarations', async () => {
    copyFileSync(fixture('consumer.mts'), join(scratch, 'consumer.mts'));
    writeFileSync(
      join(scratch, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          strict: true,
          noEmit: true,
          // As most projects do: @solana/kit's own declarations need @types/node, which a
          // browser project lacks. This package's types are still checked through consumer.mts.
          skipLibCheck: true,
          types: [],
        },
        files: ['consumer.mts'],
      }),
    );
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    const result = await run(process.execPath, [tsc, '-p', scratch], { cwd: scratch }).then(
      () => '',
      (e: { stdout?: string }) => e.stdout ?? String(e),
    );
    expect(result).toBe('');
  });
});
