use anchor_lang::prelude::*;

pub const MAX_REASON_LEN: usize = 64;

/// Carbon-credit accounting. Singleton PDA `[CARBON_REGISTRY]`; the carbon mint's authority.
#[account]
#[derive(InitSpace)]
pub struct CarbonRegistry {
    /// PDA bump.
    pub bump: u8,
    /// Carbon credits (6 decimals; 1 base unit = 1 g CO2 avoided).
    pub carbon_mint: Pubkey,
    /// grid_market's energy credit mint (1 base unit = 1 Wh), burned on conversion.
    pub energy_credit_mint: Pubkey,
    /// Energy credits burned for carbon credits, Wh.
    pub converted_wh: u64,
    /// Carbon credits minted, grams.
    pub minted_g: u64,
    /// Carbon credits retired, grams.
    pub retired_g: u64,
    /// Serial of the next retirement record.
    pub retirement_count: u64,
}

/// A permanent record of retired carbon credits. PDA `[RETIREMENT, serial]`; never closed.
#[account]
#[derive(InitSpace)]
pub struct Retirement {
    /// PDA bump.
    pub bump: u8,
    /// Sequence number; the PDA seed.
    pub serial: u64,
    /// Who retired the credits.
    pub wallet: Pubkey,
    /// On whose behalf.
    pub beneficiary: Pubkey,
    /// Grams of CO2 retired.
    pub carbon_g: u64,
    /// Why, UTF-8, at most 64 bytes.
    #[max_len(MAX_REASON_LEN)]
    pub reason: String,
    /// UNIX time of retirement.
    pub retired_at: i64,
}
