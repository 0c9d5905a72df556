use anchor_lang::prelude::*;
use se_math::fund::{stream_rate, streamed, LOCKED_SHARES, REWARD_SCALE};

use super::Position;
use crate::errors::{CommunityError, MathExt};

pub const MAX_FEE_BPS: u16 = 2_000;
/// grid_market epochs whose revenue the community may have booked and not yet received: as many as
/// its grid_market contributor record holds unclaimed.
pub const BOOKED_EPOCHS: usize = grid_market::state::OPEN_EPOCHS;

/// A community development entity's pooled fund. PDA `[COMMUNITY, id]`.
///
/// The vault holds three things, tracked apart: the depositors' fund (`liquid`), the reward
/// pool (revenue streaming or streamed to shareholders, not yet claimed), and the benefit fund
/// (community fee, and revenue released while no share was staked).
///
/// Revenue reaches shareholders as a stream: each epoch's revenue (plus what is left of the
/// running stream) is released linearly over `stream_secs`, to the shares staked second by
/// second. A deposit made just before a revenue claim therefore earns only for the seconds it
/// stays, like any other share: a deposit, claim, withdraw round trip takes nothing.
///
/// An epoch's revenue is booked when the epoch closes (`book_revenue`: its price is fixed then,
/// and the community's energy in it is known), not when the offtaker pays: the stream starts
/// right after the epoch, however late and however batched the settlements. Until the cash
/// arrives (`claim_grid_revenue`) the booked amount is `receivable`, and reward claims and the
/// benefit fund are paid only from cash that has arrived.
#[account]
#[derive(InitSpace, Default)]
pub struct Community {
    /// PDA bump.
    pub bump: u8,
    /// Chosen at creation; the PDA seed.
    pub id: Pubkey,
    /// Registers and funds projects and spends the benefit fund, while it holds the central bank's
    /// community-registrar role.
    pub manager: Pubkey,
    /// The currency mint.
    pub currency_mint: Pubkey,
    /// Holds the fund, the reward pool and the benefit fund (currency).
    pub vault: Pubkey,
    /// Mint of tokenized shares.
    pub share_mint: Pubkey,
    /// Share of revenue kept in the benefit fund, bps (charged, so rounded up).
    pub fee_bps: u16,
    /// Shares outstanding, including the `LOCKED_SHARES` of the first deposit.
    pub total_shares: u64,
    /// Shares held in positions; only these earn rewards (tokenized and locked shares do not).
    pub staked_shares: u64,
    /// Currency in the vault belonging to depositors, and currency invested in projects (at cost).
    pub liquid: u64,
    /// Currency invested in projects, at cost.
    pub invested: u64,
    /// Rewards per staked share released so far, scaled by `se_math::fund::REWARD_SCALE`.
    pub reward_per_share: u128,
    /// The reward pool: revenue streaming or streamed to shareholders and not yet claimed.
    /// Claims round down, so a remainder below one unit per claim stays here.
    pub rewards_outstanding: u64,
    /// Currency for the community's benefit: the fee, and revenue released while nothing was
    /// staked.
    pub benefit_fund: u64,
    /// Cumulative revenue received.
    pub revenue_received: u64,
    /// Length of a revenue stream: the central bank policy's epoch length when the community was
    /// created.
    pub stream_secs: u32,
    /// Release rate of the running stream, currency per second scaled by `REWARD_SCALE`.
    pub reward_rate: u128,
    /// What the running stream has still to release, scaled by `REWARD_SCALE`; at its end it
    /// releases exactly this, so a whole stream pays its amount with no rate rounding.
    pub stream_unreleased: u128,
    /// When the running stream ends, and up to when it has been released into the accumulator.
    pub stream_end: i64,
    /// UNIX time up to which the stream has been released.
    pub stream_updated: i64,
    /// Projects registered.
    pub projects: u32,
    /// Revenue booked from closed grid_market epochs and not received yet, currency base units.
    pub receivable: u64,
    /// The booked epochs whose revenue has not arrived yet.
    pub booked: [BookedEpoch; BOOKED_EPOCHS],
    /// Impact metrics of every reading carried up through the community.
    pub impact: Impact,
}

/// Impact metrics, aggregated from every reading carried up through this community.
#[derive(
    AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, Default, PartialEq, Eq, InitSpace,
)]
pub struct Impact {
    /// Energy carried up, Wh.
    pub energy_wh: u64,
    /// At the central bank policy's emission factor when each reading arrived.
    pub co2_avoided_g: u64,
    /// Positions held by members (wallets or member accounts) and by household trusts.
    pub members: u32,
    /// Positions held by household trusts.
    pub households: u32,
}

/// A grid_market epoch's revenue, booked and not received yet.
#[derive(
    AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, Default, PartialEq, Eq, InitSpace,
)]
pub struct BookedEpoch {
    /// Epoch index plus one (0 = free slot).
    pub epoch_plus_one: u64,
    /// What grid_market owes the community for it, currency base units.
    pub amount: u64,
}

/// How one revenue receipt was split.
pub struct Split {
    pub fee: u64,
    pub streamed: u64,
}

impl Community {
    /// The community PDA's signer seeds (it owns the vault, the share mint and its grid_market
    /// claims).
    pub fn seeds(&self) -> [&[u8]; 3] {
        [
            crate::seeds::COMMUNITY,
            self.id.as_ref(),
            std::slice::from_ref(&self.bump),
        ]
    }

    /// Value of the fund that shares are priced against: liquid plus projects at cost.
    pub fn value(&self) -> u64 {
        self.liquid.saturating_add(self.invested)
    }

    /// The stream released between the last update and `now`, scaled by `REWARD_SCALE`.
    fn released(&self, now: i64) -> Result<u128> {
        if now >= self.stream_end {
            return Ok(self.stream_unreleased);
        }
        if now <= self.stream_updated {
            return Ok(0);
        }
        let due = streamed(self.reward_rate, (now - self.stream_updated) as u64).math()?;
        Ok(due.min(self.stream_unreleased))
    }

    /// The accumulator as it stands at `now` (what `accrue` would make it). Clients use it to
    /// show what a position can claim.
    pub fn reward_per_share_at(&self, now: i64) -> Result<u128> {
        if self.staked_shares == 0 {
            return Ok(self.reward_per_share);
        }
        let step = self.released(now)? / self.staked_shares as u128;
        self.reward_per_share
            .checked_add(step)
            .ok_or_else(|| error!(CommunityError::MathOverflow))
    }

    /// Releases the stream up to `now` over the shares staked since the last update. Call
    /// before staked shares change. What is released while no share is staked goes to the
    /// benefit fund.
    pub fn accrue(&mut self, now: i64) -> Result<()> {
        let released = self.released(now)?;
        if self.staked_shares == 0 {
            // Whole units only; a fraction stays unreleased for the next staker.
            let idle = u64::try_from(released / REWARD_SCALE)
                .map_err(|_| error!(CommunityError::MathOverflow))?;
            self.stream_unreleased -= idle as u128 * REWARD_SCALE;
            self.rewards_outstanding =
                se_math::checked_sub(self.rewards_outstanding, idle).math()?;
            self.benefit_fund = se_math::checked_add(self.benefit_fund, idle).math()?;
        } else {
            self.reward_per_share = self.reward_per_share_at(now)?;
            self.stream_unreleased -= released;
        }
        self.stream_updated = self.stream_updated.max(now);
        Ok(())
    }

    /// Brings `position`'s rewards up to `now`; call before its shares change.
    pub fn settle(&mut self, position: &mut Position, now: i64) -> Result<()> {
        self.accrue(now)?;
        position.settle(self.reward_per_share)
    }

    /// Splits `received` revenue: the fee (rounded up) to the benefit fund, the rest into the
    /// reward pool, where it joins what is left of the running stream and the two are released
    /// together over a fresh `stream_secs`.
    pub fn distribute(&mut self, received: u64, now: i64) -> Result<Split> {
        self.accrue(now)?;
        let fee = se_math::fee_ceil(received, self.fee_bps).math()?;
        let rest = received - fee;
        let total = (rest as u128)
            .checked_mul(REWARD_SCALE)
            .and_then(|v| v.checked_add(self.stream_unreleased))
            .ok_or_else(|| error!(CommunityError::MathOverflow))?;
        self.reward_rate = stream_rate(rest, self.stream_unreleased, self.stream_secs).math()?;
        self.stream_unreleased = total;
        self.stream_end = now + self.stream_secs as i64;
        self.stream_updated = now;
        self.rewards_outstanding = se_math::checked_add(self.rewards_outstanding, rest).math()?;
        self.benefit_fund = se_math::checked_add(self.benefit_fund, fee).math()?;
        self.revenue_received = se_math::checked_add(self.revenue_received, received).math()?;
        Ok(Split {
            fee,
            streamed: rest,
        })
    }

    /// Books the revenue `amount` of grid_market epoch `epoch` (closed, so priced) before it
    /// arrives: it is split and starts streaming now, and is receivable until `receive` takes it
    /// in.
    pub fn book(&mut self, epoch: u64, amount: u64, now: i64) -> Result<Split> {
        let key = epoch + 1;
        require!(
            !self.booked.iter().any(|b| b.epoch_plus_one == key),
            CommunityError::AlreadyBooked
        );
        let slot = self
            .booked
            .iter_mut()
            .find(|b| b.epoch_plus_one == 0)
            .ok_or(CommunityError::TooManyBooked)?;
        *slot = BookedEpoch {
            epoch_plus_one: key,
            amount,
        };
        self.receivable = se_math::checked_add(self.receivable, amount).math()?;
        self.distribute(amount, now)
    }

    /// Takes in `received` currency of grid_market epoch `epoch`'s revenue: settles what was booked
    /// for it (`None`), or, if it was never booked, splits and streams it now (`Some`).
    pub fn receive(&mut self, epoch: u64, received: u64, now: i64) -> Result<Option<Split>> {
        match self
            .booked
            .iter_mut()
            .find(|b| b.epoch_plus_one == epoch + 1)
        {
            Some(slot) => {
                // grid_market pays the same `floor(Wh x price / 1000)` that was booked.
                require!(
                    slot.amount == received,
                    CommunityError::BookedRevenueMismatch
                );
                *slot = BookedEpoch::default();
                self.receivable = se_math::checked_sub(self.receivable, received).math()?;
                Ok(None)
            }
            None => self.distribute(received, now).map(Some),
        }
    }

    /// Currency in the vault beyond the depositors' liquid funds: what reward claims and the
    /// benefit fund are paid from. Short of the reward pool and benefit fund by what is
    /// receivable.
    pub fn income_cash(&self, vault: u64) -> u64 {
        vault.saturating_sub(self.liquid)
    }

    /// The vault (its token balance `vault`) and the revenue receivable hold the books, the
    /// depositors' liquid funds are all in the vault, and `books_invariant` holds.
    pub fn invariant(&self, vault: u64) -> Result<()> {
        let books =
            self.liquid as u128 + self.rewards_outstanding as u128 + self.benefit_fund as u128;
        require!(
            vault as u128 + self.receivable as u128 >= books && vault >= self.liquid,
            CommunityError::BooksNotBacked
        );
        self.books_invariant()
    }

    /// What holds without reading the vault: no more shares staked than outstanding, and the
    /// running stream's remainder is in the reward pool. Handlers whose accounts do not include
    /// the vault end with this one.
    pub fn books_invariant(&self) -> Result<()> {
        require!(
            self.staked_shares <= self.total_shares,
            CommunityError::SharesNotBacked
        );
        // What the running stream has still to release is in the reward pool.
        require!(
            self.stream_unreleased / REWARD_SCALE <= self.rewards_outstanding as u128,
            CommunityError::BooksNotBacked
        );
        // What is receivable is what the booked epochs still owe.
        let booked: u128 = self.booked.iter().map(|b| b.amount as u128).sum();
        require!(
            booked == self.receivable as u128,
            CommunityError::BooksNotBacked
        );
        Ok(())
    }

    /// Every share is staked in a position, tokenized, or locked by the first deposit, or was
    /// burned as a token. Burned share tokens stay in `total_shares`: like the locked shares,
    /// their value stays in the fund and nobody can redeem it, so burning only costs the
    /// burner. (Requiring equality let one burned base unit block every stake and tokenize.)
    pub fn shares_invariant(&self, tokenized: u64) -> Result<()> {
        let locked = if self.total_shares == 0 {
            0
        } else {
            LOCKED_SHARES
        };
        require!(
            self.staked_shares as u128 + tokenized as u128 + locked as u128
                <= self.total_shares as u128,
            CommunityError::SharesNotBacked
        );
        Ok(())
    }
}
