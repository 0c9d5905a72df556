// Every program's errors reach a TypeScript caller as program, error name and the IDL's
// message: one real refused transaction per program, simulated on `localnet --economy` as an
// economy member, decoded with `decodeTransactionError`; and one sent for real, whose preflight
// failure @solana/kit throws, decoded with `describeError`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  address,
  appendTransactionMessageInstructions,
  compileTransaction,
  createNoopSigner,
  createSolanaRpc,
  createTransactionMessage,
  generateKeyPairSigner,
  getBase64EncodedWireTransaction,
  pipe,
  sendTransactionWithoutConfirmingFactory,
  setTransactionMessageFeePayer,
  setTransactionMessageFeePayerSigner,
  setTransactionMessageLifetimeUsingBlockhash,
  signTransactionMessageWithSigners,
  type Address,
  type Instruction,
  type Rpc,
  type SolanaRpcApi,
} from '@solana/kit';
import { findAssociatedTokenPda, getCreateAssociatedTokenIdempotentInstruction } from '@solana-program/token';
import {
  findAttestationPda,
  findCurrencyMintPda,
  findGovernancePda,
  findPolicyPda,
  findRoleRecordPda,
  RoleKind,
  fetchGovernance,
  getProposeInstruction,
} from '../src/generated/central_bank';
import { fetchCommunity, getSpendBenefitFundInstruction } from '../src/generated/community';
import { findEpochPda, findMarketPda, fetchMarket, getCloseEpochInstruction } from '../src/generated/grid_market';
import { findVaultPda as findHouseholdVaultPda, getCreateHouseholdInstruction } from '../src/generated/household';
import {
  fetchMaybeTrader,
  fetchPool,
  findPoolPda,
  findTraderPda,
  getOpenTraderInstruction,
  getSwapInstruction,
} from '../src/generated/marketplace';
import { getCreateMemberInstructionAsync } from '../src/generated/member';
import { decodeTransactionError, describeError, findHouseholdPda, findProposalPda } from '../src/index';
import { readKeypair, startNode, type LocalNode } from './harness';

/** The currency is a Token-2022 mint. */
const TOKEN_2022 = 'TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb' as Address;

let node: LocalNode;
let rpc: Rpc<SolanaRpcApi>;
/** An economy member: attested, with a member account, a community and currency. */
let wallet: Address;
let memberKeypair: string;

beforeAll(async () => {
  node = await startNode();
  rpc = createSolanaRpc(node.rpcUrl);
  const first = node.economy?.members?.[0];
  if (first) {
    wallet = address(first.wallet);
    memberKeypair = first.keypair;
  }
});

afterAll(async () => {
  await node?.stop();
});

/** The address of a `find…Pda` result, without its bump. */
const pdaOf = async <T>(found: Promise<readonly [T, ...unknown[]]>) => (await found)[0];

/** Simulates the instructions as `feePayer` (no signatures checked) and decodes the failure. */
async function refusal(feePayer: Address, instructions: readonly Instruction[]) {
  const { value: blockhash } = await rpc.getLatestBlockhash({ commitment: 'confirmed' }).send();
  const message = pipe(
    createTransactionMessage({ version: 0 }),
    (m) => setTransactionMessageFeePayer(feePayer, m),
    (m) => setTransactionMessageLifetimeUsingBlockhash(blockhash, m),
    (m) => appendTransactionMessageInstructions(instructions, m),
  );
  const sim = await rpc
    .simulateTransaction(getBase64EncodedWireTransaction(compileTransaction(message)), {
      encoding: 'base64',
      sigVerify: false,
      commitment: 'confirmed',
    })
    .send();
  expect(sim.value.err, 'the transaction fails').not.toBeNull();
  return decodeTransactionError(sim.value.err, (i) => instructions[i]?.programAddress, sim.value.logs ?? []);
}

const refused = (program: string, name: string, message: string) => ({
  kind: 'program',
  program,
  name,
  title: `${program}: ${name}`,
  message,
});

describe('program errors decoded from real transactions', () => {
  it('central_bank: a member who is not on the council proposes', async (ctx) => {
    if (!wallet) return ctx.skip();
    const governance = await fetchGovernance(rpc, await pdaOf(findGovernancePda()));
    const ix = getProposeInstruction({
      proposer: createNoopSigner(wallet),
      governance: governance.address,
      policy: await pdaOf(findPolicyPda()),
      proposal: await pdaOf(findProposalPda({ index: governance.data.proposalCount })),
      action: { __kind: 'ApproveKycProvider', provider: (await generateKeyPairSigner()).address },
    });
    expect(await refusal(wallet, [ix])).toEqual({
      ...refused('central_bank', 'NotCouncilMember', 'Signer is not a council member'),
      code: 6004,
    });
  });

  it('marketplace: a swap whose minimum out is more than the pool gives', async (ctx) => {
    if (!wallet) return ctx.skip();
    const pool = await fetchPool(rpc, address(node.economy!.pools[0]));
    const p = pool.data;
    const currencyMint = await pdaOf(findCurrencyMintPda());
    const trader = await pdaOf(findTraderPda({ maker: wallet }));
    const owner = createNoopSigner(wallet);
    const ownerAsset = await pdaOf(
      findAssociatedTokenPda({ owner: wallet, mint: p.assetMint, tokenProgram: p.assetTokenProgram }),
    );
    const ownerCurrency = await pdaOf(
      findAssociatedTokenPda({ owner: wallet, mint: currencyMint, tokenProgram: TOKEN_2022 }),
    );
    const setup = [
      ...((await fetchMaybeTrader(rpc, trader)).exists ? [] : [getOpenTraderInstruction({ wallet: owner, trader })]),
      getCreateAssociatedTokenIdempotentInstruction({
        payer: owner,
        ata: ownerAsset,
        owner: wallet,
        mint: p.assetMint,
        tokenProgram: p.assetTokenProgram,
      }),
      getCreateAssociatedTokenIdempotentInstruction({
        payer: owner,
        ata: ownerCurrency,
        owner: wallet,
        mint: currencyMint,
        tokenProgram: TOKEN_2022,
      }),
    ];
    const swap = getSwapInstruction({
      owner,
      attestation: await pdaOf(findAttestationPda({ wallet })),
      policy: await pdaOf(findPolicyPda()),
      trader,
      pool: pool.address,
      assetMint: p.assetMint,
      currencyMint,
      lpMint: p.lpMint,
      assetVault: p.assetVault,
      currencyVault: p.currencyVault,
      assetTokenProgram: p.assetTokenProgram,
      ownerAsset,
      ownerCurrency,
      surplusVault: p.surplusVault,
      buyAsset: true,
      amountIn: 100_000n,
      // More energy credits than the whole pool holds.
      minimumOut: p.assetReserve + 1n,
    });
    expect(pool.address).toBe(await pdaOf(findPoolPda({ assetMint: p.assetMint })));
    expect(await refusal(wallet, [...setup, swap])).toEqual({
      ...refused('marketplace', 'SlippageExceeded', "Output is below the caller's minimum"),
      code: 7002,
    });
  });

  it('grid_market: closing an epoch the economy already settled', async (ctx) => {
    const settled = node.economy?.settledEpochs;
    if (!settled?.length) return ctx.skip();
    const index = BigInt(settled[settled.length - 1]);
    const market = await fetchMarket(rpc, await pdaOf(findMarketPda()));
    const ix = getCloseEpochInstruction({
      policy: await pdaOf(findPolicyPda()),
      market: market.address,
      epoch: await pdaOf(findEpochPda({ index })),
      previousEpoch: await pdaOf(findEpochPda({ index: index - 1n })),
      energyPool: await pdaOf(findPoolPda({ assetMint: market.data.energyCreditMint })),
    });
    expect(await refusal(node.payer.address, [ix])).toEqual({
      ...refused('grid_market', 'EpochClosed', 'Epoch is not open'),
      code: 8007,
    });
  });

  it("community: a member who is not its manager spends the community's benefit fund", async (ctx) => {
    if (!wallet) return ctx.skip();
    const community = await fetchCommunity(rpc, address(node.economy!.communities[0]));
    expect(community.data.manager).not.toBe(wallet);
    const ix = getSpendBenefitFundInstruction({
      manager: createNoopSigner(wallet),
      managerRole: await pdaOf(findRoleRecordPda({ role: RoleKind.CommunityRegistrar, subject: wallet })),
      community: community.address,
      currencyMint: community.data.currencyMint,
      vault: community.data.vault,
      // Any other currency account passes the recipient's checks: a household trust's vault.
      recipient: await pdaOf(findHouseholdVaultPda({ household: address(node.economy!.households[0]) })),
      amount: 1n,
    });
    expect(await refusal(wallet, [ix])).toEqual({
      ...refused('community', 'NotManager', "Only the community's manager may do this"),
      code: 9014,
    });
  });

  it('household: a trust that needs two trustee signatures but has one trustee', async (ctx) => {
    if (!wallet) return ctx.skip();
    const id = (await generateKeyPairSigner()).address;
    const household = await pdaOf(findHouseholdPda({ id }));
    const ix = getCreateHouseholdInstruction({
      payer: createNoopSigner(wallet),
      household,
      currencyMint: await pdaOf(findCurrencyMintPda()),
      vault: await pdaOf(findHouseholdVaultPda({ household })),
      id,
      trustees: [wallet],
      threshold: 2,
      reinvestBps: 1_000,
    });
    expect(await refusal(wallet, [ix])).toEqual({
      ...refused(
        'household',
        'InvalidTrustees',
        'Trustees: between 1 and 5, distinct, with a threshold between 1 and their count',
      ),
      code: 10002,
    });
  });

  it('member: a second member account for the same wallet, simulated and then sent', async (ctx) => {
    if (!wallet) return ctx.skip();
    const signer = await readKeypair(memberKeypair);
    const ix = await getCreateMemberInstructionAsync({
      wallet: signer,
      attestation: await pdaOf(findAttestationPda({ wallet })),
    });
    const expected = {
      ...refused('member', 'MemberExists', 'The wallet already has a member account'),
      code: 11002,
    };
    expect(await refusal(wallet, [ix])).toEqual(expected);

    // Sent for real: the node's preflight refuses it and kit throws; describeError reads that.
    const { value: blockhash } = await rpc.getLatestBlockhash({ commitment: 'confirmed' }).send();
    const signed = await signTransactionMessageWithSigners(
      pipe(
        createTransactionMessage({ version: 0 }),
        (m) => setTransactionMessageFeePayerSigner(signer, m),
        (m) => setTransactionMessageLifetimeUsingBlockhash(blockhash, m),
        (m) => appendTransactionMessageInstructions([ix], m),
      ),
    );
    const thrown = await sendTransactionWithoutConfirmingFactory({ rpc })(signed, { commitment: 'confirmed' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(thrown, 'the send is refused').not.toBeNull();
    expect(describeError(thrown, [ix])).toEqual(expected);
  });
});
