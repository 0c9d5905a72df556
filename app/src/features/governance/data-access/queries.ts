import type { Address } from '@solana/kit';
import { queryKeys } from '../../../shared/query/queryKeys';
import { useChainQuery } from '../../../shared/query/useChainQuery';
import { hasCurrencyAccount, loadGovernance } from './governance';

export const useGovernanceQuery = () =>
  useChainQuery((c) => queryKeys.governance.council(c), loadGovernance, { refetchInterval: 5_000 });

/** Whether `wallet` (null: none entered yet) has a currency account, for proposing an issue of currency to it. */
export const useCurrencyAccountQuery = (wallet: Address | null, enabled: boolean) =>
  useChainQuery(
    (c) => queryKeys.governance.currencyAccountExists(c, wallet),
    async (rpc) => (wallet === null ? false : hasCurrencyAccount(rpc, wallet)),
    { enabled: enabled && wallet !== null },
  );
