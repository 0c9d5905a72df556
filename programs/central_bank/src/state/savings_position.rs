use anchor_lang::prelude::*;

/// A wallet's savings. PDA `[SAVINGS_POSITION, owner]`; closable when empty.
#[account]
#[derive(InitSpace)]
pub struct SavingsPosition {
    pub bump: u8,
    pub owner: Pubkey,
    pub shares: u64,
    /// Cumulative currency deposited and withdrawn, for the owner's own accounting.
    pub deposited: u64,
    pub withdrawn: u64,
}
