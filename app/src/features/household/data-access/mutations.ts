import type { UiWalletAccount } from '@wallet-standard/react';
import { queryKeys } from '../../../shared/query/queryKeys';
import { useTransaction } from '../../../shared/transaction/useTransaction';

/** A distribution or an investment changes the trust, whichever wallet looks at it. */
export const useHouseholdMutation = (account: UiWalletAccount) =>
  useTransaction(account, (c) => [queryKeys.household.all(c)]);
