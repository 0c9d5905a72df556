use anchor_lang::prelude::*;
use se_math::fund::{accrued, reward_per_share_step};

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
    /// Share of revenue kept in the benefit fund, bps (charged, so rounded up).
    pub fee_bps: u16,
    /// Shares outstanding, including the `LOCKED_SHARES` of the first deposit.
    pub total_shares: u64,
    pub liquid: u64,
    pub reward_per_share: u128,
    pub rewards_outstanding: u64,
    pub benefit_fund: u64,
    /// Cumulative revenue received, and the rounding dust of its distribution.
    pub revenue_received: u64,
    pub reward_dust: u64,
    pub positions: u32,
}

/// How one revenue receipt was split.
pub struct Split {
    pub fee: u64,
    pub to_members: u64,
    pub dust: u64,
}

impl Community {
    /// Value of the fund that shares are priced against.
    pub fn value(&self) -> u64 {
        self.liquid
    }

    /// Splits `received` revenue: the fee (rounded up) and the accumulator's rounding dust go
    /// to the benefit fund, the rest to members pro rata to shares.
    pub fn distribute(&mut self, received: u64) -> Result<Split> {
        let fee = se_math::fee_ceil(received, self.fee_bps).math()?;
        let to_members = received - fee;
        let (distributed, step) = if self.total_shares == 0 {
            (0, 0)
        } else {
            let step = reward_per_share_step(to_members, self.total_shares).math()?;
            (accrued(self.total_shares, step).math()?, step)
        };
        let dust = to_members - distributed;
        self.reward_per_share += step;
        self.rewards_outstanding =
            se_math::checked_add(self.rewards_outstanding, distributed).math()?;
        self.benefit_fund = se_math::checked_add(self.benefit_fund, fee + dust).math()?;
        self.revenue_received = se_math::checked_add(self.revenue_received, received).math()?;
        self.reward_dust = se_math::checked_add(self.reward_dust, dust).math()?;
        Ok(Split {
            fee,
            to_members: distributed,
            dust,
        })
    }

    pub fn invariant(&self, vault: u64) -> Result<()> {
        let books =
            self.liquid as u128 + self.rewards_outstanding as u128 + self.benefit_fund as u128;
        require!(vault as u128 >= books, CommunityError::BooksNotBacked);
        Ok(())
    }
}
