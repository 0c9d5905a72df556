use anchor_lang::prelude::*;

/// The grid market. Singleton PDA `[MARKET]`; mint authority of the energy credits.
#[account]
#[derive(InitSpace)]
pub struct Market {
    /// PDA bump.
    pub bump: u8,
    /// Energy credits, Token-2022, 3 decimals (1 base unit = 1 Wh).
    pub energy_credit_mint: Pubkey,
    /// The currency mint revenue is paid in.
    pub currency_mint: Pubkey,
    /// Holds settled revenue until it is claimed or swept.
    pub revenue_vault: Pubkey,
    /// Start of epoch 0.
    pub genesis: i64,
    /// Fixed at initialisation from the central bank's policy, so epoch boundaries never move.
    pub epoch_length_secs: u32,
    /// Energy credits minted so far: one per verified Wh.
    pub credited_wh: u64,
}

impl Market {
    /// Index of the epoch containing `now`.
    pub fn epoch_at(&self, now: i64) -> u64 {
        (now.saturating_sub(self.genesis).max(0) / self.epoch_length_secs as i64) as u64
    }

    pub fn epoch_start(&self, index: u64) -> i64 {
        self.genesis + index as i64 * self.epoch_length_secs as i64
    }
}
