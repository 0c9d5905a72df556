// Reads of the programs' state through the app's RPC and the Codama-generated decoders.
import {
  createNoopSigner,
  getBase58Decoder,
  getBase64Encoder,
  type Address,
  type Decoder,
  type ReadonlyUint8Array,
} from '@solana/kit';
import {
  fetchMaybeAttestation,
  fetchMaybePolicy,
  fetchMaybeReserve,
  type Attestation,
  type Policy,
  type Reserve,
} from '../generated/central_bank';
import {
  EPOCH_DISCRIMINATOR,
  GRID_MARKET_PROGRAM_ADDRESS,
  fetchMaybeMarket,
  getEpochDecoder,
  type Epoch,
  type Market,
} from '../generated/grid_market';
import {
  MARKETPLACE_PROGRAM_ADDRESS,
  POOL_DISCRIMINATOR,
  fetchMaybeCarbonRegistry,
  getPoolDecoder,
  type CarbonRegistry,
  type Pool,
} from '../generated/marketplace';
import {
  COMMUNITY_DISCRIMINATOR,
  COMMUNITY_PROGRAM_ADDRESS,
  fetchMaybePosition,
  getCommunityDecoder,
  type Community,
  type Position,
} from '../generated/community';
import { fetchMaybeMember, type Member } from '../generated/member';
import { pda } from './pda';
import type { AppRpc } from './rpc';

/** The all-zero key: "none" in affiliation fields. */
export const DEFAULT_ADDRESS = '11111111111111111111111111111111' as Address;

export type Decoded<T> = { address: Address; data: T };

/** Every account of one type of a program (discriminator filter), decoded; `where` adds byte
 *  filters (e.g. an address field at its offset). */
export async function programAccounts<T>(
  rpc: AppRpc,
  program: Address,
  discriminator: ReadonlyUint8Array,
  decoder: Decoder<T>,
  opts: { where?: { offset: bigint; bytes: ReadonlyUint8Array }[]; commitment?: 'confirmed' } = {},
): Promise<Decoded<T>[]> {
  const b58 = getBase58Decoder();
  const accounts = await rpc
    .getProgramAccounts(program, {
      encoding: 'base64',
      ...(opts.commitment ? { commitment: opts.commitment } : {}),
      filters: [{ offset: 0n, bytes: discriminator }, ...(opts.where ?? [])].map(({ offset, bytes }) => ({
        memcmp: { offset, bytes: b58.decode(bytes) as never, encoding: 'base58' as const },
      })),
    })
    .send();
  const b64 = getBase64Encoder();
  return accounts.map((a) => ({
    address: a.pubkey,
    data: decoder.decode(b64.encode(a.account.data[0])),
  }));
}

const CLOCK_SYSVAR = 'SysvarC1ock11111111111111111111111111111111' as Address;

/** The programs' clock: the Clock sysvar's unix_timestamp (block times may lag it on localnet). */
export async function nodeClock(rpc: AppRpc): Promise<number> {
  try {
    const { value } = await rpc.getAccountInfo(CLOCK_SYSVAR, { encoding: 'base64', commitment: 'confirmed' }).send();
    if (value) {
      const bytes = new Uint8Array(getBase64Encoder().encode(value.data[0]));
      // slot u64, epoch_start_timestamp i64, epoch u64, leader_schedule_epoch u64, unix_timestamp i64
      return Number(new DataView(bytes.buffer, bytes.byteOffset).getBigInt64(32, true));
    }
  } catch {
    // The wall clock stands in.
  }
  return Math.floor(Date.now() / 1000);
}

export type Dashboard = {
  policy: Policy | null;
  reserve: Reserve | null;
  market: Market | null;
  carbon: CarbonRegistry | null;
  currencySupply: bigint | null;
  surplus: bigint | null;
  epochs: Epoch[];
  pools: Decoded<Pool>[];
  communities: Decoded<Community>[];
  nodeTime: number;
  /** Node time minus wall time when read, in seconds. */
  clockSkew: number;
};

async function tokenBalance(rpc: AppRpc, account: Address): Promise<bigint | null> {
  try {
    const { value } = await rpc.getTokenAccountBalance(account).send();
    return BigInt(value.amount);
  } catch {
    return null;
  }
}

export async function loadDashboard(rpc: AppRpc): Promise<Dashboard> {
  const [policyAddr, reserveAddr, marketAddr, carbonAddr, currencyMint, surplusVault] =
    await Promise.all([
      pda.policy(),
      pda.reserve(),
      pda.market(),
      pda.carbonRegistry(),
      pda.currencyMint(),
      pda.surplusVault(),
    ]);
  const [policy, reserve, market, carbon, epochs, pools, communities, nodeTime] = await Promise.all([
    fetchMaybePolicy(rpc, policyAddr),
    fetchMaybeReserve(rpc, reserveAddr),
    fetchMaybeMarket(rpc, marketAddr),
    fetchMaybeCarbonRegistry(rpc, carbonAddr),
    programAccounts(rpc, GRID_MARKET_PROGRAM_ADDRESS, EPOCH_DISCRIMINATOR, getEpochDecoder()),
    programAccounts(rpc, MARKETPLACE_PROGRAM_ADDRESS, POOL_DISCRIMINATOR, getPoolDecoder()),
    programAccounts(rpc, COMMUNITY_PROGRAM_ADDRESS, COMMUNITY_DISCRIMINATOR, getCommunityDecoder()),
    nodeClock(rpc),
  ]);
  let currencySupply: bigint | null = null;
  if (reserve.exists) {
    try {
      currencySupply = BigInt((await rpc.getTokenSupply(currencyMint).send()).value.amount);
    } catch {
      currencySupply = null;
    }
  }
  return {
    policy: policy.exists ? policy.data : null,
    reserve: reserve.exists ? reserve.data : null,
    market: market.exists ? market.data : null,
    carbon: carbon.exists ? carbon.data : null,
    currencySupply,
    surplus: reserve.exists ? await tokenBalance(rpc, surplusVault) : null,
    epochs: epochs.map((e) => e.data).sort((a, b) => Number(a.index - b.index)),
    pools,
    communities,
    nodeTime,
    clockSkew: nodeTime - Math.floor(Date.now() / 1000),
  };
}

export type MemberState = {
  attestation: Attestation | null;
  member: Member | null;
  memberAddress: Address;
  lamports: bigint;
  currencyAccount: Address;
  /** null: the wallet has no currency account yet. */
  currency: bigint | null;
  collateralMint: Address | null;
  collateralTokenProgram: Address | null;
  collateralAccount: Address | null;
  collateral: bigint | null;
  communities: Decoded<Community>[];
  /** The member account's position in its community, if any. */
  position: Position | null;
};

/** The member program's `Authorized` accounts, which every instruction that moves the member's
 * currency starts with: the wallet (signing), its member account, attestation, policy, the
 * currency mint and the wallet's currency account. */
export async function authorizedAccounts(s: MemberState, wallet: Address) {
  return {
    wallet: createNoopSigner(wallet),
    member: s.memberAddress,
    attestation: await pda.attestation(wallet),
    policy: await pda.policy(),
    currencyMint: await pda.currencyMint(),
    walletCurrency: s.currencyAccount,
  };
}

export async function loadMemberState(rpc: AppRpc, wallet: Address): Promise<MemberState> {
  const [attAddr, memberAddress] = await Promise.all([pda.attestation(wallet), pda.member(wallet)]);
  const [currencyMint, reserveAddr] = await Promise.all([pda.currencyMint(), pda.reserve()]);
  const currencyAccount = await pda.associatedToken(wallet, currencyMint);
  const [att, member, balance, reserve, currency, communities] = await Promise.all([
    fetchMaybeAttestation(rpc, attAddr),
    fetchMaybeMember(rpc, memberAddress),
    rpc.getBalance(wallet, { commitment: 'confirmed' }).send(),
    fetchMaybeReserve(rpc, reserveAddr),
    tokenBalance(rpc, currencyAccount),
    programAccounts(rpc, COMMUNITY_PROGRAM_ADDRESS, COMMUNITY_DISCRIMINATOR, getCommunityDecoder()),
  ]);
  let collateralAccount: Address | null = null;
  let collateral: bigint | null = null;
  if (reserve.exists) {
    collateralAccount = await pda.associatedToken(
      wallet,
      reserve.data.collateralMint,
      reserve.data.collateralTokenProgram,
    );
    collateral = await tokenBalance(rpc, collateralAccount);
  }
  let position: Position | null = null;
  if (member.exists && member.data.community !== DEFAULT_ADDRESS) {
    const p = await fetchMaybePosition(rpc, await pda.position(member.data.community, memberAddress));
    position = p.exists ? p.data : null;
  }
  return {
    attestation: att.exists ? att.data : null,
    member: member.exists ? member.data : null,
    memberAddress,
    lamports: balance.value,
    currencyAccount,
    currency,
    collateralMint: reserve.exists ? reserve.data.collateralMint : null,
    collateralTokenProgram: reserve.exists ? reserve.data.collateralTokenProgram : null,
    collateralAccount,
    collateral,
    communities: communities.sort((a, b) => a.address.localeCompare(b.address)),
    position,
  };
}

export const PRICE_SCALE = 2n ** 32n;

/** Spot price, currency base units per asset base unit, from the pool's reserves. */
export function spotPrice(p: Pool): number {
  return p.assetReserve === 0n ? 0 : Number(p.currencyReserve) / Number(p.assetReserve);
}

/** TWAP from the oldest observation in the ring to the newest (as the program computes it). */
export function poolTwap(p: Pool): number | null {
  const n = p.observationCount;
  if (n < 2) return null;
  const newest = p.observations[p.observationHead];
  const oldest = n < p.observations.length ? p.observations[0] : p.observations[(p.observationHead + 1) % p.observations.length];
  const dt = newest.timestamp - oldest.timestamp;
  if (dt <= 0n) return null;
  const mask = (1n << 128n) - 1n;
  const diff = (newest.priceCumulative - oldest.priceCumulative) & mask;
  return Number(diff / dt) / Number(PRICE_SCALE);
}
