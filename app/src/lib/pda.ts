// Program-derived addresses of the six programs, from the same seeds as sdk/src/pda.rs.
// The instruction-vector test checks these against the Rust SDK.
import {
  getAddressEncoder,
  getProgramDerivedAddress,
  getU64Encoder,
  type Address,
} from '@solana/kit';
import { CENTRAL_BANK_PROGRAM_ADDRESS } from '../generated/central_bank';
import { COMMUNITY_PROGRAM_ADDRESS } from '../generated/community';
import { GRID_MARKET_PROGRAM_ADDRESS } from '../generated/grid_market';
import { HOUSEHOLD_PROGRAM_ADDRESS } from '../generated/household';
import { MARKETPLACE_PROGRAM_ADDRESS } from '../generated/marketplace';
import { MEMBER_PROGRAM_ADDRESS } from '../generated/member';

export const TOKEN_2022_PROGRAM_ADDRESS = 'TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb' as Address;
export const ASSOCIATED_TOKEN_PROGRAM_ADDRESS =
  'ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL' as Address;

const text = new TextEncoder();
const addr = getAddressEncoder();
const u64 = getU64Encoder();

type Seed = string | Address | Uint8Array | bigint;

function seedBytes(seed: Seed): Uint8Array {
  if (typeof seed === 'bigint') return new Uint8Array(u64.encode(seed));
  if (seed instanceof Uint8Array) return seed;
  return seed.length >= 32 && /^[1-9A-HJ-NP-Za-km-z]+$/.test(seed)
    ? new Uint8Array(addr.encode(seed as Address))
    : text.encode(seed);
}

async function find(programAddress: Address, ...seeds: Seed[]): Promise<Address> {
  const [pda] = await getProgramDerivedAddress({ programAddress, seeds: seeds.map(seedBytes) });
  return pda;
}

/** RoleKind in central_bank, in declaration order (its seed is the variant index). */
export const ROLE_KINDS = [
  'MeterRegistrar',
  'MeterOracle',
  'GridPriceFeeder',
  'GridOfftaker',
  'ListedMarketAsset',
  'CommunityRegistrar',
] as const;
export type RoleKindName = (typeof ROLE_KINDS)[number];

const cb = (...s: Seed[]) => find(CENTRAL_BANK_PROGRAM_ADDRESS, ...s);
const mk = (...s: Seed[]) => find(MARKETPLACE_PROGRAM_ADDRESS, ...s);
const gm = (...s: Seed[]) => find(GRID_MARKET_PROGRAM_ADDRESS, ...s);
const cm = (...s: Seed[]) => find(COMMUNITY_PROGRAM_ADDRESS, ...s);
const hh = (...s: Seed[]) => find(HOUSEHOLD_PROGRAM_ADDRESS, ...s);

export const pda = {
  governance: () => cb('governance'),
  policy: () => cb('policy'),
  reserve: () => cb('reserve'),
  currencyMint: () => cb('currency_mint'),
  collateralVault: () => cb('collateral_vault'),
  surplusVault: () => cb('surplus_vault'),
  savingsVault: () => cb('savings_vault'),
  proposal: (index: bigint) => cb('proposal', index),
  role: (role: RoleKindName, subject: Address) =>
    cb('role', new Uint8Array([ROLE_KINDS.indexOf(role)]), subject),
  kycProvider: (authority: Address) => cb('kyc_provider', authority),
  attestation: (wallet: Address) => cb('attestation', wallet),
  identity: (identityHash: Uint8Array) => cb('identity', identityHash),
  savingsPosition: (owner: Address) => cb('savings_position', owner),

  pool: (assetMint: Address) => mk('pool', assetMint),
  poolVault: (pool: Address, mint: Address) => mk('pool_vault', pool, mint),
  lpMint: (pool: Address) => mk('lp_mint', pool),
  trader: (wallet: Address) => mk('trader', wallet),
  offer: (maker: Address, id: bigint) => mk('offer', maker, id),
  offerVault: (offer: Address) => mk('offer_vault', offer),
  marketAuthority: () => mk('market_authority'),
  carbonRegistry: () => mk('carbon_registry'),
  carbonMint: () => mk('carbon_mint'),
  retirement: (serial: bigint) => mk('retirement', serial),
  energyCreditMint: () => gm('energy_credit_mint'),

  market: () => gm('market'),
  revenueVault: () => gm('revenue_vault'),
  meter: (meterId: Address) => gm('meter', meterId),
  epoch: (index: bigint) => gm('epoch', index),
  contributor: (owner: Address) => gm('contributor', owner),

  community: (id: Address) => cm('community', id),
  communityVault: (community: Address) => cm('community_vault', community),
  position: (community: Address, owner: Address) => cm('position', community, owner),
  shareMint: (community: Address) => cm('share_mint', community),
  project: (community: Address, id: Address) => cm('project', community, id),

  household: (id: Address) => hh('household', id),
  householdVault: (household: Address) => hh('household_vault', household),

  member: (wallet: Address) => find(MEMBER_PROGRAM_ADDRESS, 'member', wallet),

  associatedToken: (owner: Address, mint: Address, tokenProgram = TOKEN_2022_PROGRAM_ADDRESS) =>
    find(ASSOCIATED_TOKEN_PROGRAM_ADDRESS, owner, tokenProgram, mint),
};
