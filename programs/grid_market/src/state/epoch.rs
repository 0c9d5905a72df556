use anchor_lang::prelude::*;

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum EpochStatus {
    Open,
    Closed,
}

/// One settlement window. PDA `[EPOCH, index]`; kept permanently for transparent accounting.
#[account]
#[derive(InitSpace)]
pub struct Epoch {
    pub bump: u8,
    pub index: u64,
    pub start: i64,
    pub end: i64,
    pub status: EpochStatus,
    /// Verified energy in this epoch.
    pub total_wh: u64,
    pub readings: u32,
}
