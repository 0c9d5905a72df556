// Program-derived addresses of the six programs and the wallets' associated token accounts,
// under the names the app uses. Each comes from a generated `find…Pda` helper (the Codama
// clients', and @solana-program/token's for associated token accounts), which encodes every
// seed by its IDL type. The instruction-vector test checks them against the Rust SDK's
// sdk/src/pda.rs.
import {
  getAddressEncoder,
  getProgramDerivedAddress,
  getU64Encoder,
  type Address,
  type ProgramDerivedAddress,
  type ReadonlyUint8Array,
} from '@solana/kit';
import { findAssociatedTokenPda } from '@solana-program/token';
import {
  CENTRAL_BANK_PROGRAM_ADDRESS,
  RoleKind,
  findAttestationPda,
  findCollateralVaultPda,
  findCurrencyMintPda,
  findGovernancePda,
  findIdentityPda,
  findPolicyPda,
  findProviderRecordPda,
  findReservePda,
  findRoleRecordPda,
  findSavingsVaultPda,
  findSurplusVaultPda,
} from '../../generated/central_bank';
import {
  findCommunityPda,
  findPositionPda,
  findShareMintPda,
  findVaultPda as findCommunityVaultPda,
} from '../../generated/community';
import {
  GRID_MARKET_PROGRAM_ADDRESS,
  findContributorPda,
  findEnergyCreditMintPda,
  findEpochPda,
  findMarketPda,
  findRevenueVaultPda,
} from '../../generated/grid_market';
import { HOUSEHOLD_PROGRAM_ADDRESS, findVaultPda as findHouseholdVaultPda } from '../../generated/household';
import {
  MARKETPLACE_PROGRAM_ADDRESS,
  findAssetVaultPda,
  findCarbonMintPda,
  findLpMintPda,
  findPoolPda,
  findRegistryPda,
  findTraderPda,
  findVaultPda as findOfferVaultPda,
} from '../../generated/marketplace';
import { findMemberPda } from '../../generated/member';

export const TOKEN_2022_PROGRAM_ADDRESS = 'TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb' as Address;

export type RoleKindName = keyof typeof RoleKind;

/** The address without its bump: no instruction of the app takes one. */
async function only(found: Promise<ProgramDerivedAddress>): Promise<Address> {
  return (await found)[0];
}

// Codama makes a PDA helper only from seeds that are constants, accounts or top-level arguments
// of an instruction. These five are seeded by a nested argument (`args.id`, `args.meter_id`) or a
// field of another account (`governance.proposal_count`, `registry.retirement_count`), so no
// helper covers them: they are derived here, each seed encoded as the program's type for it.
const text = (s: string) => new TextEncoder().encode(s);
const addressSeed = (a: Address) => getAddressEncoder().encode(a);
const u64Seed = (n: bigint) => getU64Encoder().encode(n);
const derive = (programAddress: Address, ...seeds: ReadonlyUint8Array[]) =>
  only(getProgramDerivedAddress({ programAddress, seeds }));

export const pda = {
  governance: () => only(findGovernancePda()),
  policy: () => only(findPolicyPda()),
  reserve: () => only(findReservePda()),
  currencyMint: () => only(findCurrencyMintPda()),
  collateralVault: () => only(findCollateralVaultPda()),
  surplusVault: () => only(findSurplusVaultPda()),
  savingsVault: () => only(findSavingsVaultPda()),
  proposal: (index: bigint) => derive(CENTRAL_BANK_PROGRAM_ADDRESS, text('proposal'), u64Seed(index)),
  role: (role: RoleKind | RoleKindName, subject: Address) =>
    only(findRoleRecordPda({ role: typeof role === 'string' ? RoleKind[role] : role, subject })),
  kycProvider: (provider: Address) => only(findProviderRecordPda({ provider })),
  attestation: (wallet: Address) => only(findAttestationPda({ wallet })),
  identity: (identityHash: Uint8Array) => only(findIdentityPda({ identityHash })),

  pool: (assetMint: Address) => only(findPoolPda({ assetMint })),
  /** Either side's vault of a pool: the asset and the currency vault share the seeds `[pool_vault, pool, mint]`. */
  poolVault: (pool: Address, mint: Address) => only(findAssetVaultPda({ pool, assetMint: mint })),
  lpMint: (pool: Address) => only(findLpMintPda({ pool })),
  trader: (wallet: Address) => only(findTraderPda({ maker: wallet })),
  offer: (maker: Address, id: bigint) =>
    derive(MARKETPLACE_PROGRAM_ADDRESS, text('offer'), addressSeed(maker), u64Seed(id)),
  offerVault: (offer: Address) => only(findOfferVaultPda({ offer })),
  carbonRegistry: () => only(findRegistryPda()),
  carbonMint: () => only(findCarbonMintPda()),
  retirement: (serial: bigint) => derive(MARKETPLACE_PROGRAM_ADDRESS, text('retirement'), u64Seed(serial)),

  market: () => only(findMarketPda()),
  energyCreditMint: () => only(findEnergyCreditMintPda()),
  revenueVault: () => only(findRevenueVaultPda()),
  meter: (meterId: Address) => derive(GRID_MARKET_PROGRAM_ADDRESS, text('meter'), addressSeed(meterId)),
  epoch: (index: bigint) => only(findEpochPda({ index })),
  contributor: (owner: Address) => only(findContributorPda({ owner })),

  community: (id: Address) => only(findCommunityPda({ id })),
  communityVault: (community: Address) => only(findCommunityVaultPda({ community })),
  position: (community: Address, owner: Address) => only(findPositionPda({ community, owner })),
  shareMint: (community: Address) => only(findShareMintPda({ community })),

  household: (id: Address) => derive(HOUSEHOLD_PROGRAM_ADDRESS, text('household'), addressSeed(id)),
  householdVault: (household: Address) => only(findHouseholdVaultPda({ household })),

  member: (wallet: Address) => only(findMemberPda({ wallet })),

  associatedToken: (owner: Address, mint: Address, tokenProgram: Address = TOKEN_2022_PROGRAM_ADDRESS) =>
    only(findAssociatedTokenPda({ owner, mint, tokenProgram })),
};
