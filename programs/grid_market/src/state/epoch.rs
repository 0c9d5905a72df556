use anchor_lang::prelude::*;
use central_bank::state::MAX_GRID_PRICE_FEEDS;

use crate::errors::GridMarketError;

pub const MAX_FEEDS: usize = MAX_GRID_PRICE_FEEDS as usize;

/// Where an epoch is in its life.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum EpochStatus {
    /// Takes readings and grid-price submissions.
    Open,
    /// Ended; the clearing price is fixed.
    Closed,
    /// The offtaker paid the revenue; contributors claim.
    Settled,
    /// The claim window passed and the unclaimed remainder went to the central bank's reserve.
    Expired,
}

/// Where the epoch's grid price came from.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum GridPriceSource {
    /// Not closed yet.
    Unpriced,
    /// Median of at least the policy's minimum number of feeder submissions.
    Median,
    /// Too few submissions: the previous epoch's clearing price.
    PreviousEpoch,
    /// Too few submissions and no priced previous epoch: the policy floor.
    PolicyFloor,
}

/// One settlement window. PDA `[EPOCH, index]`; kept permanently for transparent accounting.
#[account]
#[derive(InitSpace)]
pub struct Epoch {
    /// PDA bump.
    pub bump: u8,
    /// Epoch number since the market's genesis; the PDA seed.
    pub index: u64,
    /// UNIX time the epoch starts.
    pub start: i64,
    /// UNIX time the epoch ends (exclusive).
    pub end: i64,
    /// Open, closed, settled or expired.
    pub status: EpochStatus,
    /// Verified energy in this epoch.
    pub total_wh: u64,
    /// Readings accepted.
    pub readings: u32,
    /// Keys that submitted a grid price; the first `feed_count` are set.
    pub feeders: [Pubkey; MAX_FEEDS],
    /// Their prices, currency base units per kWh.
    pub feeds: [u64; MAX_FEEDS],
    /// Grid-price submissions so far.
    pub feed_count: u8,
    /// Price inputs and result, currency base units per kWh.
    pub grid_price: u64,
    /// Where `grid_price` came from.
    pub grid_source: GridPriceSource,
    /// The energy pool's time-weighted price over the whole epoch, 0 when the pool has no
    /// record reaching back to the epoch's start.
    pub market_price: u64,
    /// The pool's time-weighted liquidity over the epoch, as currency base units at the grid
    /// price (0 without a market price).
    pub market_depth: u64,
    /// Weight the market price got in the clearing price, bps: the policy's market share,
    /// scaled down when the pool is shallow next to the epoch's energy (see
    /// `se_math::pricing::market_weight_bps`).
    pub market_weight_bps: u16,
    /// The price revenue is paid at, currency base units per kWh: see
    /// `se_math::pricing::clearing_price`.
    pub clearing_price: u64,
    /// `floor(total_wh * clearing_price / 1000)`, paid by the offtaker at settlement.
    pub revenue: u64,
    /// Revenue claimed so far, currency base units.
    pub claimed: u64,
    /// Unclaimed revenue sent to the central bank's reserve, currency base units.
    pub swept: u64,
    /// UNIX time of settlement (0 = not yet).
    pub settled_at: i64,
    /// UNIX time after which the epoch can be swept.
    pub claim_deadline: i64,
}

impl Epoch {
    /// Records a feeder's grid price; one submission per feeder, at most `MAX_FEEDS`.
    pub fn submit_feed(&mut self, feeder: Pubkey, price: u64) -> Result<()> {
        let n = self.feed_count as usize;
        require!(
            !self.feeders[..n].contains(&feeder),
            GridMarketError::DuplicateFeed
        );
        require!(n < MAX_FEEDS, GridMarketError::FeedSetFull);
        self.feeders[n] = feeder;
        self.feeds[n] = price;
        self.feed_count += 1;
        Ok(())
    }

    /// Value is conserved: what was claimed and swept never exceeds the revenue paid in, and
    /// once expired it equals it.
    pub fn invariant(&self) -> Result<()> {
        let out = self.claimed as u128 + self.swept as u128;
        require!(
            out <= self.revenue as u128
                && (self.status != EpochStatus::Expired || out == self.revenue as u128),
            GridMarketError::ConservationViolated
        );
        Ok(())
    }
}
