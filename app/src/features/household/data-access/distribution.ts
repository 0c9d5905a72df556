// The income a distribution would share out, as programs/household/src/state/household.rs plans it.
import type { Community } from '@sourceenergy/client/community';
import type { Household } from '@sourceenergy/client/household';
import { fundValue } from '../../../shared/math/fund';
import { ledgersOf } from './trust';

const FULL_BPS = 10_000n;

export type DistributionPlan = {
  income: bigint;
  /** Into community shares (reinvest_bps of the income, when that buys at least one share). */
  reinvest: bigint;
  /** Each member's share, in ledger order (rounded down each). */
  perMember: bigint[];
  toMembers: bigint;
  /** Left for the next round. */
  dust: bigint;
};

/** `Household::plan_distribution` then `share_out`, for `income`. */
export function planDistribution(h: Household, income: bigint, fund: Community | null): DistributionPlan {
  let reinvest = 0n;
  if (fund && fund.totalShares > 0n) {
    const amount = (income * BigInt(h.reinvestBps)) / FULL_BPS;
    const value = fundValue(fund);
    const shares = value === 0n ? 0n : (amount * fund.totalShares) / value;
    if (shares > 0n) reinvest = amount;
  }
  const perMember = ledgersOf(h).map((l) => ((income - reinvest) * BigInt(l.weightBps)) / FULL_BPS);
  const toMembers = perMember.reduce((a, b) => a + b, 0n);
  return { income, reinvest, perMember, toMembers, dust: income - reinvest - toMembers };
}
