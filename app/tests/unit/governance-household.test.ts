// The app's copies of program rules: a proposal's phase (central_bank state/proposal.rs), a
// household distribution plan (household state/household.rs), community reward streaming
// (community state/community.rs and position.rs).
import { describe, expect, it } from 'vitest';
import type { Address } from '@solana/kit';
import { ProposalStatus, type Governance, type Proposal } from '@sourceenergy/client/central-bank';
import type { Community, Position } from '@sourceenergy/client/community';
import type { Household, Ledger } from '@sourceenergy/client/household';
import { proposalPhase } from '../../src/features/governance/data-access/proposals';
import { planDistribution } from '../../src/features/household/data-access/distribution';
import { REWARD_SCALE, claimableRewards, rewardPerShareAt, sharePrice } from '../../src/shared/math/fund';

const gov = { threshold: 2, timelockSecs: 3600, councilVersion: 1 } as Governance;
const proposal = (p: Partial<Proposal>): Proposal =>
  ({
    status: ProposalStatus.Active,
    councilVersion: 1,
    approvals: 1,
    thresholdReachedAt: 0n,
    expiresAt: 1_000_000n,
    ...p,
  }) as Proposal;

describe('proposalPhase', () => {
  it('follows approvals, the timelock from the threshold, expiry and the council version', () => {
    expect(proposalPhase(proposal({}), gov, 100)).toEqual({ kind: 'approving', missing: 1 });
    const reached = proposal({ approvals: 2, thresholdReachedAt: 1000n });
    expect(proposalPhase(reached, gov, 4599)).toEqual({ kind: 'timelock', readyAt: 4600 });
    expect(proposalPhase(reached, gov, 4600)).toEqual({ kind: 'ready' });
    expect(proposalPhase(reached, gov, 1_000_000)).toEqual({ kind: 'expired' });
    expect(proposalPhase({ ...reached, councilVersion: 0 }, gov, 4600)).toEqual({ kind: 'stale' });
    expect(proposalPhase({ ...reached, status: ProposalStatus.Executed }, gov, 4600)).toEqual({ kind: 'executed' });
    expect(proposalPhase({ ...reached, status: ProposalStatus.Cancelled }, gov, 4600)).toEqual({ kind: 'cancelled' });
  });
});

const ledger = (weightBps: number): Ledger => ({ wallet: 'x' as Address, weightBps }) as Ledger;
const household = (reinvestBps: number, weights: number[]) =>
  ({ reinvestBps, memberCount: weights.length, members: weights.map(ledger) }) as unknown as Household;

describe('planDistribution', () => {
  it('reinvests its share when that buys a share, splits the rest by weight rounding down, keeps the dust', () => {
    const fund = { liquid: 900n, invested: 100n, totalShares: 1_000n } as Community;
    const plan = planDistribution(household(2_000, [3_334, 3_333, 3_333]), 1_000_001n, fund);
    expect(plan.reinvest).toBe(200_000n);
    expect(plan.perMember).toEqual([266_720n, 266_640n, 266_640n]);
    expect(plan.toMembers).toBe(800_000n);
    expect(plan.dust).toBe(1n);
  });

  it('gives everything to members when the reinvestment would buy no share, or there is no fund', () => {
    const dear = { liquid: 10n ** 15n, invested: 0n, totalShares: 1n } as Community;
    expect(planDistribution(household(2_000, [5_000, 5_000]), 100n, dear).reinvest).toBe(0n);
    expect(planDistribution(household(2_000, [5_000, 5_000]), 100n, null)).toMatchObject({ reinvest: 0n, toMembers: 100n });
  });
});

describe('community streaming', () => {
  const c = {
    stakedShares: 1_000n,
    rewardPerShare: 5n * REWARD_SCALE,
    rewardRate: 10n * REWARD_SCALE, // 10 units a second
    streamUnreleased: 3_600n * 10n * REWARD_SCALE,
    streamUpdated: 1_000n,
    streamEnd: 4_600n,
  } as Community;

  it('releases the stream linearly to staked shares, all of it at its end', () => {
    expect(rewardPerShareAt(c, 1_000)).toBe(c.rewardPerShare);
    expect(rewardPerShareAt(c, 1_100)).toBe(c.rewardPerShare + (1_000n * REWARD_SCALE) / 1_000n);
    expect(rewardPerShareAt(c, 9_999)).toBe(c.rewardPerShare + (36_000n * REWARD_SCALE) / 1_000n);
    expect(rewardPerShareAt({ ...c, stakedShares: 0n }, 9_999)).toBe(c.rewardPerShare);
  });

  it('a position claims its pending rewards plus its shares times the accumulator since its checkpoint', () => {
    const p = { shares: 250n, rewardCheckpoint: c.rewardPerShare, pending: 7n } as Position;
    expect(claimableRewards(c, p, 1_100)).toBe(7n + 250n);
  });

  it('prices a share at fund value per share, 1 before the first deposit', () => {
    expect(sharePrice({ liquid: 900n, invested: 300n, totalShares: 1_000n })).toBe(1.2);
    expect(sharePrice({ liquid: 0n, invested: 0n, totalShares: 0n })).toBe(1);
  });
});
