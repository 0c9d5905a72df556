use anchor_lang::prelude::*;

/// A wallet's savings. PDA `[SAVINGS_POSITION, owner]`; closable when empty.
#[account]
#[derive(InitSpace)]
pub struct SavingsPosition {
    /// PDA bump.
    pub bump: u8,
    /// The wallet that owns it.
    pub owner: Pubkey,
    /// Savings shares; worth `shares x savings_index / INDEX_SCALE` currency base units.
    pub shares: u64,
    /// Cumulative currency deposited and withdrawn, for the owner's own accounting.
    pub deposited: u64,
    /// Cumulative currency withdrawn, base units.
    pub withdrawn: u64,
}
