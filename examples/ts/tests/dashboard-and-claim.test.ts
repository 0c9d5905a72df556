// The example run as its README says (`npm start -w @sourceenergy/examples -- <keypair> <rpc>`
// from the repository's root) against `localnet --economy`, as an economy member with meter
// revenue to claim: what it prints must be the chain's numbers, read here independently, and
// the member's balance must rise by what it says it claimed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { relative } from 'node:path';
import { promisify } from 'node:util';
import { address, createSolanaRpc, fetchEncodedAccount, getI64Decoder, type Address } from '@solana/kit';
import { findAssociatedTokenPda } from '@solana-program/token';
import { centralBank, fmtAmount, gridMarket, member } from '@sourceenergy/client';
import { repoRoot, startNode, type LocalNode } from '../../../clients/js/tests/harness';

const run = promisify(execFile);
const TOKEN_2022 = address('TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb');
const CLOCK = address('SysvarC1ock11111111111111111111111111111111');
/** A reader's shell has none of the npm_* variables of the `npm test` this runs under. */
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));

let node: LocalNode;
beforeAll(async () => {
  node = await startNode();
});
afterAll(async () => {
  await node?.stop();
});

const pdaOf = async (found: Promise<readonly [Address, number]>) => (await found)[0];

describe('examples/ts/dashboard-and-claim.ts', () => {
  it("prints the dashboard's numbers and claims a member's meter revenue", async (ctx) => {
    const members = node.economy?.members;
    if (!members) return ctx.skip(); // the member and its revenue come with localnet --economy
    const rpc = createSolanaRpc(node.rpcUrl);
    const market = await gridMarket.fetchMarket(rpc, await pdaOf(gridMarket.findMarketPda()));
    // The programs' clock, as the example reads it: the Clock sysvar's unix_timestamp.
    const nodeTime = async () => {
      const clock = await fetchEncodedAccount(rpc, CLOCK);
      if (!clock.exists) throw new Error('no Clock sysvar');
      return getI64Decoder().decode(clock.data, 32);
    };
    const epochAt = (t: bigint) => (t - market.data.genesis) / BigInt(market.data.epochLengthSecs);

    // The first economy member with a settled, unclaimed contribution of its meter.
    let chosen: { keypair: string; wallet: Address; epochs: bigint[] } | null = null;
    for (const m of members) {
      const memberAccount = await pdaOf(member.findMemberPda({ wallet: address(m.wallet) }));
      const contributor = await gridMarket.fetchMaybeContributor(
        rpc,
        await pdaOf(gridMarket.findContributorPda({ owner: memberAccount })),
      );
      if (!contributor.exists) continue;
      const epochs: bigint[] = [];
      for (const c of contributor.data.open.filter((c) => c.epochPlusOne > 0n && !c.claimed)) {
        const epoch = await gridMarket.fetchEpoch(rpc, await pdaOf(gridMarket.findEpochPda({ index: c.epochPlusOne - 1n })));
        if (epoch.data.status === gridMarket.EpochStatus.Settled) {
          epochs.push(epoch.data.index);
        }
      }
      if (epochs.length > 0) {
        chosen = { keypair: m.keypair, wallet: address(m.wallet), epochs };
        break;
      }
    }
    expect(chosen, 'an economy member with meter revenue to claim').not.toBeNull();
    const { keypair, wallet, epochs } = chosen!;

    const currencyMint = await pdaOf(centralBank.findCurrencyMintPda());
    const currencyAccount = await pdaOf(findAssociatedTokenPda({ owner: wallet, mint: currencyMint, tokenProgram: TOKEN_2022 }));
    const balance = async () =>
      BigInt((await rpc.getTokenAccountBalance(currencyAccount, { commitment: 'confirmed' }).send()).value.amount);
    const before = await balance();
    const epochBefore = epochAt(await nodeTime());

    const { stdout } = await run(
      'npm',
      ['start', '-w', '@sourceenergy/examples', '--', relative(repoRoot, keypair), node.rpcUrl],
      { cwd: repoRoot, env },
    );
    const after = await balance();
    const epochAfter = epochAt(await nodeTime());

    // The current epoch (the clock may have crossed into the next one meanwhile).
    const current = BigInt(/^Current epoch: #(\d+)$/m.exec(stdout)![1]);
    expect([epochBefore, epochAfter]).toContain(current);
    // The last settled epoch and its clearing price, from the economy's manifest.
    const settled = node.economy?.settledEpochs ?? [];
    expect(settled.length).toBeGreaterThan(0);
    const last = BigInt(settled[settled.length - 1]);
    const lastEpoch = await gridMarket.fetchEpoch(rpc, await pdaOf(gridMarket.findEpochPda({ index: last })));
    expect(lastEpoch.data.clearingPrice).toBeGreaterThan(0n);
    const priced = { index: last, price: lastEpoch.data.clearingPrice };
    expect(stdout).toContain(`Clearing price: ${fmtAmount(priced.price)} currency/kWh (epoch #${priced.index})\n`);
    const reserve = (await centralBank.fetchReserve(rpc, await pdaOf(centralBank.findReservePda()))).data;
    expect(stdout).toContain(
      `Reserve: collateral held ${fmtAmount(reserve.collateralHeld)} currency, issued without collateral ${fmtAmount(reserve.issuedOutstanding)}\n`,
    );

    // The member, what it claimed and its balance.
    expect(stdout).toContain(`Member ${wallet}: currency balance ${fmtAmount(before)}\n`);
    for (const index of epochs) expect(stdout).toContain(`Claimed the revenue of epoch #${index}\n`);
    expect(after).toBeGreaterThan(before);
    expect(stdout).toContain(
      `Currency balance: ${fmtAmount(before)} -> ${fmtAmount(after)} (claimed ${fmtAmount(after - before)})\n`,
    );
  });
});
