// The dashboard's read: the central bank's policy and reserve, the grid market and its epochs,
// the pools, the communities and the carbon registry, all public.
import {
  fetchMaybePolicy,
  fetchMaybeReserve,
  type Policy,
  type Reserve,
} from '@sourceenergy/client/central-bank';
import {
  COMMUNITY_DISCRIMINATOR,
  COMMUNITY_PROGRAM_ADDRESS,
  getCommunityDecoder,
  type Community,
} from '@sourceenergy/client/community';
import {
  EPOCH_DISCRIMINATOR,
  GRID_MARKET_PROGRAM_ADDRESS,
  fetchMaybeMarket,
  getEpochDecoder,
  type Epoch,
  type Market,
} from '@sourceenergy/client/grid-market';
import {
  MARKETPLACE_PROGRAM_ADDRESS,
  POOL_DISCRIMINATOR,
  fetchMaybeCarbonRegistry,
  getPoolDecoder,
  type CarbonRegistry,
  type Pool,
} from '@sourceenergy/client/marketplace';
import { nodeClock, programAccounts, tokenBalance, type Decoded } from '../../../shared/chain/accounts';
import { pda } from '../../../shared/chain/pda';
import type { AppRpc } from '../../../shared/chain/rpc';

export type DashboardState = {
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

export async function loadDashboard(rpc: AppRpc): Promise<DashboardState> {
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
