// The trade page's read, refreshed by websocket subscriptions to the wallet's accounts and the
// pools (their reserves move with every swap); `pollMs` is the fallback the live status calls for.
import type { Address } from '@solana/kit';
import { useLiveWallet } from '../../../shared/query/live';
import { queryKeys } from '../../../shared/query/queryKeys';
import { useChainQuery } from '../../../shared/query/useChainQuery';
import { loadTrade, type TradeState } from './trade';

export const useTradeQuery = (wallet: Address, pollMs: number) =>
  useChainQuery((c) => queryKeys.trade(c, wallet), (rpc) => loadTrade(rpc, wallet), { refetchInterval: pollMs });

export function useTradeLive(wallet: Address, state: TradeState | undefined) {
  const pools = (state?.pools ?? []).map((p) => p.address);
  return useLiveWallet(wallet, pools, (c) => [queryKeys.trade(c, wallet)]);
}
