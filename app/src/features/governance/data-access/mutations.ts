import type { UiWalletAccount } from '@wallet-standard/react';
import { queryKeys } from '../../../shared/query/queryKeys';
import { useTransaction } from '../../../shared/transaction/useTransaction';

/** Proposing, approving, executing or cancelling changes the council's proposals. */
export const useGovernanceMutation = (account: UiWalletAccount) =>
  useTransaction(account, (c) => [queryKeys.governance.all(c)]);
