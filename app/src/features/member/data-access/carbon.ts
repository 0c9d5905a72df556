// Carbon credits (marketplace, programs/marketplace/src/instructions/carbon.rs): energy credits
// (1 base unit = 1 Wh) are burned for carbon credits at the policy's emission factor
// (floor(wh × g/kWh / 1000) grams; the carbon mint has 6 decimals and 1 base unit = 1 g CO₂),
// and carbon credits are retired for good, each retirement writing a permanent record
// `[retirement, serial]`. The IDL has no Retirement account type (no instruction reads one),
// so its decoder is written here from the program's struct; a unit test checks the
// discriminator against Anchor's rule, sha256("account:Retirement")[..8].
import {
  addDecoderSizePrefix,
  createNoopSigner,
  getAddressDecoder,
  getI64Decoder,
  getStructDecoder,
  getU32Decoder,
  getU64Decoder,
  getU8Decoder,
  getUtf8Decoder,
  fixDecoderSize,
  getBytesDecoder,
  type Address,
  type Decoder,
  type Instruction,
  type ReadonlyUint8Array,
} from '@solana/kit';
import { fetchMaybePolicy } from '@sourceenergy/client/central-bank';
import {
  MARKETPLACE_PROGRAM_ADDRESS,
  fetchMaybeCarbonRegistry,
  getConvertEnergyInstruction,
  getRetireCarbonInstruction,
  type CarbonRegistry,
} from '@sourceenergy/client/marketplace';
import { programAccounts, tokenBalance, type Decoded } from '../../../shared/chain/accounts';
import { createTokenAccountIx } from '../../../shared/chain/accountSetup';
import { pda } from '../../../shared/chain/pda';
import type { AppRpc } from '../../../shared/chain/rpc';

/** programs/marketplace/src/state/carbon.rs MAX_REASON_LEN (bytes of UTF-8). */
export const MAX_REASON_BYTES = 64;

/** Anchor's account discriminator of `Retirement`: sha256("account:Retirement")[..8]. */
export const RETIREMENT_DISCRIMINATOR = new Uint8Array([180, 36, 58, 95, 148, 188, 15, 38]);

export type Retirement = {
  discriminator: ReadonlyUint8Array;
  bump: number;
  serial: bigint;
  wallet: Address;
  beneficiary: Address;
  carbonG: bigint;
  reason: string;
  retiredAt: bigint;
};

export function getRetirementDecoder(): Decoder<Retirement> {
  return getStructDecoder([
    ['discriminator', fixDecoderSize(getBytesDecoder(), 8)],
    ['bump', getU8Decoder()],
    ['serial', getU64Decoder()],
    ['wallet', getAddressDecoder()],
    ['beneficiary', getAddressDecoder()],
    ['carbonG', getU64Decoder()],
    ['reason', addDecoderSizePrefix(getUtf8Decoder(), getU32Decoder())],
    ['retiredAt', getI64Decoder()],
  ]);
}

/** Grams of carbon credits minted for `wh` energy credits: floor(wh × factor / 1000), as se_math::carbon_grams. */
export function carbonGrams(wh: bigint, gPerKwh: number): bigint {
  return (wh * BigInt(gPerKwh)) / 1000n;
}

/** UTF-8 length of a retirement reason (the program limits bytes, not characters). */
export function reasonBytes(reason: string): number {
  return new TextEncoder().encode(reason).length;
}

export type CarbonState = {
  registry: CarbonRegistry | null;
  /** Grid emission factor from the policy, g CO₂ per kWh. */
  emissionFactor: number | null;
  /** Minimum KYC level for ActionClass::Environmental. */
  minLevel: number | null;
  energyAccount: Address | null;
  energyWh: bigint | null;
  carbonAccount: Address | null;
  carbonG: bigint | null;
  /** Every retirement record, newest first. */
  retirements: Decoded<Retirement>[];
};

/** ActionClass::Environmental's index in the policy's min_kyc_level. */
const ENVIRONMENTAL = 5;

export async function loadCarbon(rpc: AppRpc, wallet: Address): Promise<CarbonState> {
  const [registryAcc, policy, retirements] = await Promise.all([
    fetchMaybeCarbonRegistry(rpc, await pda.carbonRegistry()),
    fetchMaybePolicy(rpc, await pda.policy()),
    programAccounts(rpc, MARKETPLACE_PROGRAM_ADDRESS, RETIREMENT_DISCRIMINATOR, getRetirementDecoder()),
  ]);
  const registry = registryAcc.exists ? registryAcc.data : null;
  let energyAccount: Address | null = null;
  let carbonAccount: Address | null = null;
  let energyWh: bigint | null = null;
  let carbonG: bigint | null = null;
  if (registry) {
    [energyAccount, carbonAccount] = await Promise.all([
      pda.associatedToken(wallet, registry.energyCreditMint),
      pda.associatedToken(wallet, registry.carbonMint),
    ]);
    [energyWh, carbonG] = await Promise.all([tokenBalance(rpc, energyAccount), tokenBalance(rpc, carbonAccount)]);
  }
  return {
    registry,
    emissionFactor: policy.exists ? policy.data.params.emissionFactorGPerKwh : null,
    minLevel: policy.exists ? (policy.data.params.minKycLevel[ENVIRONMENTAL] ?? null) : null,
    energyAccount,
    energyWh,
    carbonAccount,
    carbonG,
    retirements: retirements.sort((a, b) => Number(b.data.serial - a.data.serial)),
  };
}

async function common(wallet: Address, registry: CarbonRegistry) {
  return {
    owner: createNoopSigner(wallet),
    attestation: await pda.attestation(wallet),
    policy: await pda.policy(),
    registry: await pda.carbonRegistry(),
    carbonMint: registry.carbonMint,
    energyCreditMint: registry.energyCreditMint,
  };
}

/** Burn `wh` energy credits for carbon credits; the carbon account is created if missing. */
export async function convertEnergyIxs(wallet: Address, s: CarbonState, wh: bigint): Promise<Instruction[]> {
  if (!s.registry || !s.energyAccount || !s.carbonAccount) throw new Error('No carbon registry on this cluster.');
  return [
    await createTokenAccountIx(wallet, wallet, s.registry.carbonMint),
    getConvertEnergyInstruction({
      ...(await common(wallet, s.registry)),
      ownerEnergy: s.energyAccount,
      ownerCarbon: s.carbonAccount,
      wh,
    }),
  ];
}

/**
 * Retire `grams` of carbon credits for `beneficiary`. The record's address is the registry's
 * next serial, read fresh here; a retirement landing in between makes this one fail its seeds
 * check in simulation, before the wallet is asked.
 */
export async function retireCarbonIxs(
  rpc: AppRpc,
  wallet: Address,
  s: CarbonState,
  grams: bigint,
  beneficiary: Address,
  reason: string,
): Promise<Instruction[]> {
  const registry = await fetchMaybeCarbonRegistry(rpc, await pda.carbonRegistry());
  if (!registry.exists || !s.carbonAccount) throw new Error('No carbon registry on this cluster.');
  return [
    getRetireCarbonInstruction({
      ...(await common(wallet, registry.data)),
      ownerCarbon: s.carbonAccount,
      retirement: await pda.retirement(registry.data.retirementCount),
      grams,
      beneficiary,
      reason,
    }),
  ];
}
