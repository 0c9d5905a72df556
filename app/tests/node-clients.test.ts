// Issue 11, outside clients: @solana/kit (confirmation over the websocket) and @solana/web3.js
// 1.x each send and confirm transactions against `sourceenergy localnet`, and read and decode
// one account of each of the six programs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  generateKeyPairSigner,
  getAddressEncoder,
  type Address,
  type ReadonlyUint8Array,
} from '@solana/kit';
import {
  Connection,
  Keypair,
  LAMPORTS_PER_SOL,
  PublicKey,
  SystemProgram,
  Transaction,
  sendAndConfirmTransaction,
} from '@solana/web3.js';
import { readFileSync } from 'node:fs';
import {
  CENTRAL_BANK_PROGRAM_ADDRESS,
  POLICY_DISCRIMINATOR,
  fetchPolicy,
  getPolicyDecoder,
} from '@sourceenergy/client/central-bank';
import {
  GRID_MARKET_PROGRAM_ADDRESS,
  MARKET_DISCRIMINATOR,
  fetchMarket,
  getMarketDecoder,
} from '@sourceenergy/client/grid-market';
import {
  CARBON_REGISTRY_DISCRIMINATOR,
  MARKETPLACE_PROGRAM_ADDRESS,
  fetchCarbonRegistry,
  getCarbonRegistryDecoder,
} from '@sourceenergy/client/marketplace';
import {
  COMMUNITY_DISCRIMINATOR,
  COMMUNITY_PROGRAM_ADDRESS,
  fetchCommunity,
  getCommunityDecoder,
  getCreateCommunityInstruction,
} from '@sourceenergy/client/community';
import {
  HOUSEHOLD_DISCRIMINATOR,
  HOUSEHOLD_PROGRAM_ADDRESS,
  fetchHousehold,
  getCreateHouseholdInstruction,
  getHouseholdDecoder,
} from '@sourceenergy/client/household';
import {
  MEMBER_DISCRIMINATOR,
  MEMBER_PROGRAM_ADDRESS,
  fetchMember,
  getCreateMemberInstructionAsync,
  getMemberDecoder,
} from '@sourceenergy/client/member';
import { pda } from '../src/shared/chain/pda';
import { startNode, type LocalNode } from '../../clients/js/tests/harness';
import { airdrop, attest, clients, sendAndConfirm, type Clients } from './chain-helpers';

let node: LocalNode;
let c: Clients;
/** One account of each program: address, owner program, discriminator. */
let accounts: { program: string; address: Address; owner: Address; discriminator: ReadonlyUint8Array }[];

beforeAll(async () => {
  node = await startNode();
  c = clients(node.rpcUrl, node.wsUrl);
});

afterAll(async () => {
  await node?.stop();
});

describe('@solana/kit against sourceenergy localnet', () => {
  it('sends and confirms over the websocket, and reads an account of each program', async () => {
    // A new wallet: airdrop, attestation by the KYC provider, member account; each confirmed
    // through signatureSubscribe.
    const wallet = await generateKeyPairSigner();
    await airdrop(c, wallet.address, 1);
    const attestSig = await attest(c, node.kycProvider, wallet.address);
    expect(attestSig).toMatch(/^[1-9A-HJ-NP-Za-km-z]{64,88}$/);
    const createMember = await getCreateMemberInstructionAsync({
      wallet,
      attestation: await pda.attestation(wallet.address),
    });
    await sendAndConfirm(c, wallet, [createMember]);

    // A community and a household trust, unless the node's economy already has them.
    let communityAddr = node.economy?.communities[0] as Address | undefined;
    if (!communityAddr) {
      const id = (await generateKeyPairSigner()).address;
      communityAddr = await pda.community(id);
      await sendAndConfirm(c, node.payer, [
        getCreateCommunityInstruction({
          manager: node.payer,
          managerRole: await pda.role('CommunityRegistrar', node.payer.address),
          policy: await pda.policy(),
          community: communityAddr,
          currencyMint: await pda.currencyMint(),
          vault: await pda.communityVault(communityAddr),
          shareMint: await pda.shareMint(communityAddr),
          id,
          feeBps: 500,
        }),
      ]);
    }
    let householdAddr = node.economy?.households[0] as Address | undefined;
    if (!householdAddr) {
      const id = (await generateKeyPairSigner()).address;
      householdAddr = await pda.household(id);
      await sendAndConfirm(c, node.payer, [
        getCreateHouseholdInstruction({
          payer: node.payer,
          household: householdAddr,
          currencyMint: await pda.currencyMint(),
          vault: await pda.householdVault(householdAddr),
          id,
          trustees: [node.payer.address],
          threshold: 1,
          reinvestBps: 1000,
        }),
      ]);
    }

    const policy = await fetchPolicy(c.rpc, await pda.policy());
    expect(policy.data.params.epochLengthSecs).toBeGreaterThan(0);
    const market = await fetchMarket(c.rpc, await pda.market());
    expect(market.data.currencyMint).toBe(await pda.currencyMint());
    const carbon = await fetchCarbonRegistry(c.rpc, await pda.carbonRegistry());
    expect(carbon.data.carbonMint).toBe(await pda.carbonMint());
    const community = await fetchCommunity(c.rpc, communityAddr);
    expect(community.data.vault).toBe(await pda.communityVault(communityAddr));
    const household = await fetchHousehold(c.rpc, householdAddr);
    expect(household.data.trustees.length).toBeGreaterThan(0);
    const member = await fetchMember(c.rpc, await pda.member(wallet.address));
    expect(member.data.wallet).toBe(wallet.address);

    accounts = [
      { program: 'central_bank', address: policy.address, owner: CENTRAL_BANK_PROGRAM_ADDRESS, discriminator: POLICY_DISCRIMINATOR },
      { program: 'grid_market', address: market.address, owner: GRID_MARKET_PROGRAM_ADDRESS, discriminator: MARKET_DISCRIMINATOR },
      { program: 'marketplace', address: carbon.address, owner: MARKETPLACE_PROGRAM_ADDRESS, discriminator: CARBON_REGISTRY_DISCRIMINATOR },
      { program: 'community', address: community.address, owner: COMMUNITY_PROGRAM_ADDRESS, discriminator: COMMUNITY_DISCRIMINATOR },
      { program: 'household', address: household.address, owner: HOUSEHOLD_PROGRAM_ADDRESS, discriminator: HOUSEHOLD_DISCRIMINATOR },
      { program: 'member', address: member.address, owner: MEMBER_PROGRAM_ADDRESS, discriminator: MEMBER_DISCRIMINATOR },
    ];
  });
});

describe('@solana/web3.js 1.x against sourceenergy localnet', () => {
  it('sends and confirms a transfer, and reads an account of each program', async () => {
    expect(accounts, 'the kit test ran first').toHaveLength(6);
    const connection = new Connection(node.rpcUrl, { commitment: 'confirmed', wsEndpoint: node.wsUrl });
    const payer = Keypair.fromSecretKey(Uint8Array.from(JSON.parse(readFileSync(node.payerPath, 'utf8'))));
    const to = Keypair.generate().publicKey;
    const sig = await sendAndConfirmTransaction(
      connection,
      new Transaction().add(
        SystemProgram.transfer({ fromPubkey: payer.publicKey, toPubkey: to, lamports: LAMPORTS_PER_SOL / 10 }),
      ),
      [payer],
      { commitment: 'confirmed' },
    );
    expect(typeof sig).toBe('string');
    expect(await connection.getBalance(to, 'confirmed')).toBe(LAMPORTS_PER_SOL / 10);

    const decoders: Record<string, (d: Uint8Array) => unknown> = {
      central_bank: (d) => getPolicyDecoder().decode(d),
      grid_market: (d) => getMarketDecoder().decode(d),
      marketplace: (d) => getCarbonRegistryDecoder().decode(d),
      community: (d) => getCommunityDecoder().decode(d),
      household: (d) => getHouseholdDecoder().decode(d),
      member: (d) => getMemberDecoder().decode(d),
    };
    const infos = await connection.getMultipleAccountsInfo(accounts.map((a) => new PublicKey(a.address)));
    for (const [i, a] of accounts.entries()) {
      const info = infos[i];
      expect(info, a.program).not.toBeNull();
      expect(info!.owner.toBase58(), a.program).toBe(a.owner);
      const data = new Uint8Array(info!.data);
      expect([...data.slice(0, 8)], a.program).toEqual([...a.discriminator]);
      const decoded = decoders[a.program](data) as { bump: number };
      expect(decoded.bump, a.program).toBeGreaterThan(0);
    }
    // The member account names the wallet it belongs to.
    const member = getMemberDecoder().decode(new Uint8Array(infos[5]!.data));
    expect(getAddressEncoder().encode(member.wallet)).toHaveLength(32);
  });
});
