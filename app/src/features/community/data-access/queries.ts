import type { Address } from '@solana/kit';
import { queryKeys } from '../../../shared/query/queryKeys';
import { useChainQuery } from '../../../shared/query/useChainQuery';
import { loadCommunities, loadHoldings } from './communities';

export const useCommunitiesQuery = () =>
  useChainQuery((c) => queryKeys.community.list(c), loadCommunities, { refetchInterval: 5_000 });

/** The connected wallet's positions in one community; off without a wallet. */
export const useHoldingsQuery = (community: Address, wallet: Address | null) =>
  useChainQuery(
    (c) => queryKeys.community.holdings(c, community, wallet),
    async (rpc) => (wallet === null ? [] : loadHoldings(rpc, community, wallet)),
    { enabled: wallet !== null, refetchInterval: 5_000 },
  );
