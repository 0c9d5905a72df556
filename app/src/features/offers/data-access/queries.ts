import type { Address } from '@solana/kit';
import { queryKeys } from '../../../shared/query/queryKeys';
import { useChainQuery } from '../../../shared/query/useChainQuery';
import { loadOffers } from './offers';

export const useOffersQuery = (wallet: Address) =>
  useChainQuery((c) => queryKeys.offers.forWallet(c, wallet), (rpc) => loadOffers(rpc, wallet), {
    refetchInterval: 5_000,
  });
