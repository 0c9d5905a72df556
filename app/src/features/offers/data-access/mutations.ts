import type { UiWalletAccount } from '@wallet-standard/react';
import { queryKeys } from '../../../shared/query/queryKeys';
import { useTransaction } from '../../../shared/transaction/useTransaction';

/** Making, taking or closing an offer changes the list every wallet sees. */
export const useOffersMutation = (account: UiWalletAccount) =>
  useTransaction(account, (c) => [queryKeys.offers.all(c)]);
