use anchor_lang::prelude::*;

pub const MAX_REASON_LEN: usize = 64;

/// Carbon-credit accounting. Singleton PDA `[CARBON_REGISTRY]`; the carbon mint's authority.
#[account]
#[derive(InitSpace)]
pub struct CarbonRegistry {
    pub bump: u8,
    pub carbon_mint: Pubkey,
    /// L3's energy credit mint (1 base unit = 1 Wh), burned on conversion.
    pub energy_credit_mint: Pubkey,
    pub converted_wh: u64,
    pub minted_g: u64,
    pub retired_g: u64,
    /// Serial of the next retirement record.
    pub retirement_count: u64,
}

/// A permanent record of retired carbon credits. PDA `[RETIREMENT, serial]`; never closed.
#[account]
#[derive(InitSpace)]
pub struct Retirement {
    pub bump: u8,
    pub serial: u64,
    pub wallet: Pubkey,
    pub beneficiary: Pubkey,
    pub carbon_g: u64,
    #[max_len(MAX_REASON_LEN)]
    pub reason: String,
    pub retired_at: i64,
}
