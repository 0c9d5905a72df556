// Community funds as programs/community/src/state computes them: fund value = liquid + projects
// at cost, share price = value / shares outstanding, rewards streamed to staked shares. Shared:
// the member, household and community pages all price shares.
import type { Community, Position } from '@sourceenergy/client/community';

/** Scale of the reward-per-share accumulator (se_math::fund::REWARD_SCALE). */
export const REWARD_SCALE = 10n ** 18n;

/** What shares are priced against: liquid currency plus projects at cost (`Community::value`). */
export const fundValue = (c: Pick<Community, 'liquid' | 'invested'>) => c.liquid + c.invested;

/** Currency per share (both 6 decimals); 1 before the first deposit, which mints one share per unit. */
export function sharePrice(c: Pick<Community, 'liquid' | 'invested' | 'totalShares'>): number {
  return c.totalShares === 0n ? 1 : Number(fundValue(c)) / Number(c.totalShares);
}

/** `se_math::fund::value_of_shares`: the currency `shares` redeem for, rounded down, as the program pays it. */
export const valueOfShares = (c: Pick<Community, 'liquid' | 'invested' | 'totalShares'>, shares: bigint) =>
  c.totalShares === 0n ? 0n : (shares * fundValue(c)) / c.totalShares;

/** `Community::reward_per_share_at`: the accumulator with the running stream released up to `now`. */
export function rewardPerShareAt(c: Community, now: number): bigint {
  if (c.stakedShares === 0n) return c.rewardPerShare;
  let released: bigint;
  if (now >= Number(c.streamEnd)) released = c.streamUnreleased;
  else if (now <= Number(c.streamUpdated)) released = 0n;
  else {
    const due = c.rewardRate * BigInt(now - Number(c.streamUpdated));
    released = due < c.streamUnreleased ? due : c.streamUnreleased;
  }
  return c.rewardPerShare + released / c.stakedShares;
}

/** `Position::claimable`: what a claim would pay at node time `now` (rounded down). */
export function claimableRewards(c: Community, p: Position, now: number): bigint {
  return p.pending + (p.shares * (rewardPerShareAt(c, now) - p.rewardCheckpoint)) / REWARD_SCALE;
}
