// The member page's reads, keyed under queryKeys.member.all(wallet) so that the page's
// transactions and its live account subscriptions refresh them together. `pollMs` is the
// fallback poll interval the live status calls for (see shared/query/livePolicy.ts).
import type { Address } from '@solana/kit';
import { DEFAULT_ADDRESS } from '../../../shared/chain/accounts';
import { useLiveWallet } from '../../../shared/query/live';
import { queryKeys } from '../../../shared/query/queryKeys';
import { useChainQuery } from '../../../shared/query/useChainQuery';
import { loadCarbon } from './carbon';
import { findClaims } from './claims';
import { loadMemberHousehold } from './household';
import { loadMemberState, type MemberState } from './memberState';
import { loadMeters } from './meters';

export const useMemberQuery = (wallet: Address, pollMs: number) =>
  useChainQuery((c) => queryKeys.member.state(c, wallet), (rpc) => loadMemberState(rpc, wallet), {
    refetchInterval: pollMs,
  });

/** Also polled on its own: what is claimable grows with time (reward streams) and with accounts
 * the page does not watch (epochs settling). */
export const useClaimsQuery = (state: MemberState, wallet: Address) =>
  useChainQuery(
    (c) => queryKeys.member.claims(c, wallet, state.member?.createdAt),
    (rpc) => findClaims(rpc, state, wallet),
    { enabled: state.member !== null, refetchInterval: 10_000 },
  );

export const useCarbonQuery = (wallet: Address, pollMs: number) =>
  useChainQuery((c) => queryKeys.member.carbon(c, wallet), (rpc) => loadCarbon(rpc, wallet), { refetchInterval: pollMs });

export const useMetersQuery = (wallet: Address, pollMs: number) =>
  useChainQuery((c) => queryKeys.member.meters(c, wallet), (rpc) => loadMeters(rpc, wallet), { refetchInterval: pollMs });

export const useMemberHouseholdQuery = (state: MemberState, wallet: Address, pollMs: number) =>
  useChainQuery(
    (c) => queryKeys.member.household(c, wallet, state.member?.household ?? null),
    (rpc) => loadMemberHousehold(rpc, state, wallet),
    { enabled: state.member !== null, refetchInterval: pollMs },
  );

/** Websocket subscriptions to the wallet's accounts, its collateral account and its household
 * trust; a change refreshes every member-page read. */
export function useMemberLive(wallet: Address, state: MemberState | undefined) {
  const extra = [state?.collateralAccount, state?.member?.household].filter(
    (a): a is Address => !!a && a !== DEFAULT_ADDRESS,
  );
  return useLiveWallet(wallet, extra, (c) => [queryKeys.member.all(c, wallet)]);
}
