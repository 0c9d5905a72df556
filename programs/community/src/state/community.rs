use anchor_lang::prelude::*;
use se_math::fund::{accrued, reward_per_share_step, LOCKED_SHARES};

use crate::errors::{CommunityError, MathExt};

pub const MAX_FEE_BPS: u16 = 2_000;

/// A community development entity's pooled fund. PDA `[COMMUNITY, id]`.
///
/// The vault holds three things, tracked apart: the depositors' fund (`liquid`), rewards
/// distributed but not yet claimed, and the benefit fund (community fee and rounding dust).
#[account]
#[derive(InitSpace)]
pub struct Community {
    pub bump: u8,
    pub id: Pubkey,
    pub manager: Pubkey,
    pub currency_mint: Pubkey,
    pub vault: Pubkey,
    pub share_mint: Pubkey,
    /// Share of revenue kept in the benefit fund, bps (charged, so rounded up).
    pub fee_bps: u16,
    /// Shares outstanding, including the `LOCKED_SHARES` of the first deposit.
    pub total_shares: u64,
    /// Shares held in positions; only these earn rewards (tokenized and locked shares do not).
    pub staked_shares: u64,
    /// Currency in the vault belonging to depositors, and currency invested in projects (at cost).
    pub liquid: u64,
    pub invested: u64,
    pub reward_per_share: u128,
    pub rewards_outstanding: u64,
    pub benefit_fund: u64,
    /// Cumulative revenue received, and the rounding remainder of its distribution (kept in
    /// the reward pool, never claimable).
    pub revenue_received: u64,
    pub reward_dust: u64,
    pub projects: u32,
    pub impact: Impact,
}

/// Impact metrics, aggregated from every reading carried up through this community.
#[derive(
    AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, Default, PartialEq, Eq, InitSpace,
)]
pub struct Impact {
    pub energy_wh: u64,
    /// At the L1 policy's emission factor when each reading arrived.
    pub co2_avoided_g: u64,
    /// Positions held by members (wallets or L6 member accounts) and by household trusts.
    pub members: u32,
    pub households: u32,
}

/// How one revenue receipt was split.
pub struct Split {
    pub fee: u64,
    pub to_members: u64,
    pub dust: u64,
}

impl Community {
    /// Value of the fund that shares are priced against: liquid plus projects at cost.
    pub fn value(&self) -> u64 {
        self.liquid.saturating_add(self.invested)
    }

    /// Splits `received` revenue: the fee (rounded up) to the benefit fund, the rest to
    /// staked shares pro rata. The whole rest stays in the reward pool: positions claim
    /// rounded down, and only the unrounded amount covers every claim across receipts
    /// (Σ shares × step ≤ amount). The rounding remainder is recorded as `reward_dust`.
    pub fn distribute(&mut self, received: u64) -> Result<Split> {
        let fee = se_math::fee_ceil(received, self.fee_bps).math()?;
        let rest = received - fee;
        let (to_pool, kept, dust) = if self.staked_shares == 0 {
            // Nobody to pay: it all stays with the community.
            (0, rest, 0)
        } else {
            let step = reward_per_share_step(rest, self.staked_shares).math()?;
            self.reward_per_share += step;
            (rest, 0, rest - accrued(self.staked_shares, step).math()?)
        };
        self.rewards_outstanding =
            se_math::checked_add(self.rewards_outstanding, to_pool).math()?;
        self.benefit_fund = se_math::checked_add(self.benefit_fund, fee + kept).math()?;
        self.revenue_received = se_math::checked_add(self.revenue_received, received).math()?;
        self.reward_dust = se_math::checked_add(self.reward_dust, dust).math()?;
        Ok(Split {
            fee,
            to_members: to_pool - dust,
            dust,
        })
    }

    pub fn invariant(&self, vault: u64) -> Result<()> {
        let books =
            self.liquid as u128 + self.rewards_outstanding as u128 + self.benefit_fund as u128;
        require!(vault as u128 >= books, CommunityError::BooksNotBacked);
        require!(
            self.staked_shares <= self.total_shares,
            CommunityError::SharesNotBacked
        );
        Ok(())
    }

    /// Every share is staked in a position, tokenized, or locked by the first deposit.
    pub fn shares_invariant(&self, tokenized: u64) -> Result<()> {
        let locked = if self.total_shares == 0 {
            0
        } else {
            LOCKED_SHARES
        };
        require!(
            self.staked_shares as u128 + tokenized as u128 + locked as u128
                == self.total_shares as u128,
            CommunityError::SharesNotBacked
        );
        Ok(())
    }
}
