// A member's grid-market meters and what they earned. A meter registered through the member program is
// owned by the member account and credits the wallet (programs/member register_meter); one a
// registrar registered directly may be owned by the wallet itself. Revenue is kept per owner
// (the Contributor record `[contributor, owner]`) and per epoch while the epoch is open in it:
// floor(wh × clearing price / 1000) once the epoch is settled (se_math::energy_value).
import { getAddressEncoder, type Address } from '@solana/kit';
import {
  EpochStatus,
  GRID_MARKET_PROGRAM_ADDRESS,
  METER_DISCRIMINATOR,
  fetchMaybeContributor,
  fetchMaybeEpoch,
  getMeterDecoder,
  type Epoch,
  type Meter,
} from '@sourceenergy/client/grid-market';
import { programAccounts, type Decoded } from '../../../shared/chain/accounts';
import { pda } from '../../../shared/chain/pda';
import type { AppRpc } from '../../../shared/chain/rpc';

/** currency base units for `wh` at `pricePerKwh` (base units per kWh), rounded down. */
export function energyValue(wh: bigint, pricePerKwh: bigint): bigint {
  return (wh * pricePerKwh) / 1000n;
}

export type EpochRevenue = {
  owner: Address;
  epoch: bigint;
  wh: bigint;
  claimed: boolean;
  status: EpochStatus | null;
  clearingPrice: bigint | null;
  /** null until the epoch is settled. */
  revenue: bigint | null;
};

export type MetersState = {
  meters: Decoded<Meter>[];
  /** Per owner (member account, or the wallet) and epoch, newest first. */
  revenue: EpochRevenue[];
  /** Energy over all epochs, per owner record, Wh. */
  lifetimeWh: bigint;
};

/** Offsets in a Meter account: discriminator 8, bump 1, id 32, owner_kind 1, owner 32, credits_to 32. */
const OWNER_OFFSET = 8n + 1n + 32n + 1n;
const CREDITS_TO_OFFSET = OWNER_OFFSET + 32n;

function metersWhere(rpc: AppRpc, offset: bigint, key: Address): Promise<Decoded<Meter>[]> {
  return programAccounts(rpc, GRID_MARKET_PROGRAM_ADDRESS, METER_DISCRIMINATOR, getMeterDecoder(), {
    where: [{ offset, bytes: getAddressEncoder().encode(key) }],
    commitment: 'confirmed',
  });
}

/** Meters owned by the member account or the wallet, or crediting the wallet. */
export function isMembersMeter(m: Meter, wallet: Address, member: Address): boolean {
  return m.owner === member || m.owner === wallet || m.creditsTo === wallet;
}

export async function loadMeters(rpc: AppRpc, wallet: Address): Promise<MetersState> {
  const member = await pda.member(wallet);
  const found = (
    await Promise.all([
      metersWhere(rpc, OWNER_OFFSET, member),
      metersWhere(rpc, OWNER_OFFSET, wallet),
      metersWhere(rpc, CREDITS_TO_OFFSET, wallet),
    ])
  ).flat();
  const meters = [...new Map(found.map((m) => [m.address, m])).values()].sort((a, b) =>
    a.data.id.localeCompare(b.data.id),
  );
  const owners = [...new Set([member, wallet, ...meters.map((m) => m.data.owner)])];
  const contributors = await Promise.all(
    owners.map(async (owner) => ({ owner, c: await fetchMaybeContributor(rpc, await pda.contributor(owner)) })),
  );
  const slots = contributors.flatMap(({ owner, c }) =>
    c.exists ? c.data.open.filter((s) => s.epochPlusOne > 0n).map((s) => ({ owner, ...s })) : [],
  );
  const epochIndexes = [...new Set(slots.map((s) => s.epochPlusOne - 1n))];
  const epochs = new Map<bigint, Epoch>();
  await Promise.all(
    epochIndexes.map(async (i) => {
      const e = await fetchMaybeEpoch(rpc, await pda.epoch(i));
      if (e.exists) epochs.set(i, e.data);
    }),
  );
  const revenue = slots
    .map((s): EpochRevenue => {
      const index = s.epochPlusOne - 1n;
      const e = epochs.get(index) ?? null;
      const settled = e !== null && e.status === EpochStatus.Settled;
      return {
        owner: s.owner,
        epoch: index,
        wh: s.wh,
        claimed: s.claimed,
        status: e?.status ?? null,
        clearingPrice: settled ? e.clearingPrice : null,
        revenue: settled ? energyValue(s.wh, e.clearingPrice) : null,
      };
    })
    .sort((a, b) => Number(b.epoch - a.epoch));
  const lifetimeWh = contributors.reduce((t, { c }) => t + (c.exists ? c.data.lifetimeWh : 0n), 0n);
  return { meters, revenue, lifetimeWh };
}
