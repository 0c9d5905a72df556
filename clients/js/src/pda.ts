// The program-derived addresses Codama cannot derive. It makes a `find…Pda` helper only from
// seeds that are constants, accounts or top-level arguments of an instruction; these five are
// seeded by a nested argument (`args.id`, `args.meter_id`) or by a field of another account
// (`governance.proposal_count`, `registry.retirement_count`). Each seed is encoded as the
// program's type for it, and each helper has the generated ones' shape (seeds, then an optional
// program address) and result (the address and its bump). The Rust side is sdk/src/pda.rs.
import {
  getAddressEncoder,
  getProgramDerivedAddress,
  getU64Encoder,
  type Address,
  type ProgramDerivedAddress,
  type ReadonlyUint8Array,
} from '@solana/kit';
import { CENTRAL_BANK_PROGRAM_ADDRESS } from './generated/central_bank';
import { GRID_MARKET_PROGRAM_ADDRESS } from './generated/grid_market';
import { HOUSEHOLD_PROGRAM_ADDRESS } from './generated/household';
import { MARKETPLACE_PROGRAM_ADDRESS } from './generated/marketplace';

type PdaConfig = { programAddress?: Address };

const text = (s: string) => new TextEncoder().encode(s);
const addressSeed = (a: Address) => getAddressEncoder().encode(a);
const u64Seed = (n: number | bigint) => getU64Encoder().encode(n);
const derive = (programAddress: Address, ...seeds: ReadonlyUint8Array[]) =>
  getProgramDerivedAddress({ programAddress, seeds });

/** central_bank `[proposal, index]`: the governance's `proposal_count` at the time it was made. */
export function findProposalPda(
  seeds: { index: number | bigint },
  config: PdaConfig = {},
): Promise<ProgramDerivedAddress> {
  return derive(config.programAddress ?? CENTRAL_BANK_PROGRAM_ADDRESS, text('proposal'), u64Seed(seeds.index));
}

/** marketplace `[offer, maker, id]`: the id is the maker's choice, one offer per id. */
export function findOfferPda(
  seeds: { maker: Address; id: number | bigint },
  config: PdaConfig = {},
): Promise<ProgramDerivedAddress> {
  return derive(
    config.programAddress ?? MARKETPLACE_PROGRAM_ADDRESS,
    text('offer'),
    addressSeed(seeds.maker),
    u64Seed(seeds.id),
  );
}

/** marketplace `[retirement, serial]`: the carbon registry's `retirement_count` when it was made. */
export function findRetirementPda(
  seeds: { serial: number | bigint },
  config: PdaConfig = {},
): Promise<ProgramDerivedAddress> {
  return derive(config.programAddress ?? MARKETPLACE_PROGRAM_ADDRESS, text('retirement'), u64Seed(seeds.serial));
}

/** grid_market `[meter, meter_id]`: the meter id is the key the registrar registered it under. */
export function findMeterPda(seeds: { meterId: Address }, config: PdaConfig = {}): Promise<ProgramDerivedAddress> {
  return derive(config.programAddress ?? GRID_MARKET_PROGRAM_ADDRESS, text('meter'), addressSeed(seeds.meterId));
}

/** household `[household, id]`: the id is the key the trust was created with. */
export function findHouseholdPda(seeds: { id: Address }, config: PdaConfig = {}): Promise<ProgramDerivedAddress> {
  return derive(config.programAddress ?? HOUSEHOLD_PROGRAM_ADDRESS, text('household'), addressSeed(seeds.id));
}
