import type { UiWalletAccount } from '@wallet-standard/react';
import { address } from '@solana/kit';
import { queryKeys } from '../../../shared/query/queryKeys';
import { useTransaction } from '../../../shared/transaction/useTransaction';

/** A swap changes the pool's reserves and the wallet's balances: the trade page's whole read. */
export const useTradeMutation = (account: UiWalletAccount) =>
  useTransaction(account, (c) => [queryKeys.trade(c, address(account.address))]);
