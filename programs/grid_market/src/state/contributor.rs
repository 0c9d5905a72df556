use anchor_lang::prelude::*;

use crate::errors::{GridMarketError, MathExt};

/// Unsettled epochs one contributor may carry at once; claims free the slots.
pub const OPEN_EPOCHS: usize = 8;

/// One owner's energy in one unsettled epoch.
#[derive(
    AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, Default, PartialEq, Eq, InitSpace,
)]
pub struct EpochContribution {
    /// Epoch index plus one (0 = free slot).
    pub epoch_plus_one: u64,
    /// Energy contributed in the epoch, Wh.
    pub wh: u64,
    /// Its revenue was claimed; the slot may be reused.
    pub claimed: bool,
}

/// What one owner (member, household trust or community) contributed, per unsettled epoch:
/// lazy settlement without an account per contributor per epoch. PDA `[CONTRIBUTOR, owner]`.
#[account]
#[derive(InitSpace)]
pub struct Contributor {
    /// PDA bump.
    pub bump: u8,
    /// The meter owner this record belongs to.
    pub owner: Pubkey,
    /// Per-epoch contributions; a slot is freed by a claim or `release_expired`.
    pub open: [EpochContribution; OPEN_EPOCHS],
    /// Energy contributed over all epochs, Wh.
    pub lifetime_wh: u64,
}

impl Contributor {
    /// Adds `wh` to the owner's contribution in `epoch`.
    pub fn add(&mut self, epoch: u64, wh: u64) -> Result<()> {
        let key = epoch + 1;
        let slot = match self.open.iter().position(|c| c.epoch_plus_one == key) {
            Some(i) => i,
            // A claimed slot is done with and may be reused.
            None => self
                .open
                .iter()
                .position(|c| c.epoch_plus_one == 0 || c.claimed)
                .ok_or(GridMarketError::TooManyOpenEpochs)?,
        };
        let c = &mut self.open[slot];
        if c.epoch_plus_one != key {
            *c = EpochContribution {
                epoch_plus_one: key,
                wh: 0,
                claimed: false,
            };
        }
        c.wh = se_math::checked_add(c.wh, wh).math()?;
        self.lifetime_wh = se_math::checked_add(self.lifetime_wh, wh).math()?;
        Ok(())
    }

    /// Wh contributed in `epoch` and not yet claimed.
    pub fn in_epoch(&self, epoch: u64) -> u64 {
        self.open
            .iter()
            .find(|c| c.epoch_plus_one == epoch + 1 && !c.claimed)
            .map_or(0, |c| c.wh)
    }

    /// Marks `epoch` claimed and returns its Wh.
    pub fn claim(&mut self, epoch: u64) -> Result<u64> {
        let c = self
            .open
            .iter_mut()
            .find(|c| c.epoch_plus_one == epoch + 1)
            .ok_or(GridMarketError::NothingToClaim)?;
        require!(!c.claimed, GridMarketError::AlreadyClaimed);
        c.claimed = true;
        Ok(c.wh)
    }

    /// The slots account for no more energy than was ever contributed, a free slot is empty,
    /// and no epoch holds two slots (a second would be claimed twice).
    pub fn invariant(&self) -> Result<()> {
        let mut open_wh: u128 = 0;
        for (i, c) in self.open.iter().enumerate() {
            open_wh += c.wh as u128;
            let free = c.epoch_plus_one == 0;
            require!(
                (!free || (c.wh == 0 && !c.claimed))
                    && (free
                        || !self.open[..i]
                            .iter()
                            .any(|o| o.epoch_plus_one == c.epoch_plus_one)),
                GridMarketError::ConservationViolated
            );
        }
        require!(
            open_wh <= self.lifetime_wh as u128,
            GridMarketError::ConservationViolated
        );
        Ok(())
    }

    /// Frees the slot of an expired `epoch` whose share was never claimed.
    pub fn release(&mut self, epoch: u64) -> Result<()> {
        let c = self
            .open
            .iter_mut()
            .find(|c| c.epoch_plus_one == epoch + 1)
            .ok_or(GridMarketError::NothingToClaim)?;
        *c = EpochContribution::default();
        Ok(())
    }
}
