// The trade page's read: the pools, the marketplace fee, and the wallet's currency and asset
// balances and trader record.
import type { Address } from '@solana/kit';
import { fetchMaybePolicy } from '@sourceenergy/client/central-bank';
import { fetchMaybeMarket } from '@sourceenergy/client/grid-market';
import { MARKETPLACE_PROGRAM_ADDRESS, POOL_DISCRIMINATOR, getPoolDecoder, type Pool } from '@sourceenergy/client/marketplace';
import { programAccounts, tokenBalance, type Decoded } from '../../../shared/chain/accounts';
import { traderExists } from '../../../shared/chain/accountSetup';
import { pda } from '../../../shared/chain/pda';
import type { AppRpc } from '../../../shared/chain/rpc';

export type TradeState = {
  pools: Decoded<Pool>[];
  feeBps: number;
  energyMint: Address | null;
  currency: bigint;
  traderExists: boolean;
  /** The wallet's balance of each pool's asset, by asset mint (0 without an account). */
  assets: Record<string, bigint>;
};

export async function loadTrade(rpc: AppRpc, wallet: Address): Promise<TradeState> {
  const [pools, policy, market, currencyMint, trader] = await Promise.all([
    programAccounts(rpc, MARKETPLACE_PROGRAM_ADDRESS, POOL_DISCRIMINATOR, getPoolDecoder()),
    fetchMaybePolicy(rpc, await pda.policy()),
    fetchMaybeMarket(rpc, await pda.market()),
    pda.currencyMint(),
    traderExists(rpc, wallet),
  ]);
  const balanceOf = async (mint: Address, tokenProgram?: Address) =>
    (await tokenBalance(rpc, await pda.associatedToken(wallet, mint, tokenProgram))) ?? 0n;
  const assets: TradeState['assets'] = {};
  for (const { data: p } of pools) assets[p.assetMint] = await balanceOf(p.assetMint, p.assetTokenProgram);
  return {
    pools,
    feeBps: policy.exists ? policy.data.params.marketplaceFeeBps : 0,
    energyMint: market.exists ? market.data.energyCreditMint : null,
    currency: await balanceOf(currencyMint),
    traderExists: trader,
    assets,
  };
}
