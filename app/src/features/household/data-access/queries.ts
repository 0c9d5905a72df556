import type { Address } from '@solana/kit';
import { queryKeys } from '../../../shared/query/queryKeys';
import { useChainQuery } from '../../../shared/query/useChainQuery';
import { loadHouseholdPage } from './trust';

/** The trusts and the one shown: `chosen` in the URL, else the connected wallet's. */
export const useHouseholdQuery = (chosen: string | null, you: Address | null) =>
  useChainQuery((c) => queryKeys.household.page(c, chosen, you), (rpc) => loadHouseholdPage(rpc, chosen, you), {
    refetchInterval: 5_000,
  });
