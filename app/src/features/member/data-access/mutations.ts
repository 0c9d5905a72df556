// The member page's transactions. Every one of them (member account, currency, community,
// claims, household contribution, carbon) changes what the page reads for the wallet, so each
// refreshes all of it.
import type { UiWalletAccount } from '@wallet-standard/react';
import { address } from '@solana/kit';
import { queryKeys } from '../../../shared/query/queryKeys';
import { useTransaction } from '../../../shared/transaction/useTransaction';

export const useMemberMutation = (account: UiWalletAccount) =>
  useTransaction(account, (c) => [queryKeys.member.all(c, address(account.address))]);
