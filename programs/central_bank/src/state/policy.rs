use anchor_lang::prelude::*;

use crate::errors::CentralBankError;

/// Classes of user action, each with its own minimum KYC level in the policy.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum ActionClass {
    /// Minting or redeeming currency at the reserve.
    ReserveSwap,
    /// Savings deposits and withdrawals; also member claims.
    Savings,
    /// Marketplace swaps and offer fills.
    Trade,
    /// Marketplace pool creation and deposits.
    Liquidity,
    /// Making marketplace offers.
    Offer,
    /// Converting energy credits and retiring carbon credits.
    Environmental,
    /// Member investments in communities and households.
    Invest,
    /// Member meters and their readings.
    EnergySale,
}

pub const ACTION_CLASS_COUNT: usize = 8;
pub const MAX_KYC_LEVEL: u8 = 3;
/// Marketplace protocol fee and reserve swap fees are capped at 10%.
pub const MAX_FEE_BPS: u16 = 1_000;
/// Savings interest is capped at 20% a year.
pub const MAX_SAVINGS_RATE_BPS: u16 = 2_000;
/// Emission factors above 2 kg CO2/kWh are not physical for any grid.
pub const MAX_EMISSION_FACTOR_G_PER_KWH: u32 = 2_000;
pub const MIN_EPOCH_SECS: u32 = 60;
pub const MAX_EPOCH_SECS: u32 = 30 * 24 * 3600;
pub const MAX_CLAIM_EXPIRY_SECS: u32 = 366 * 24 * 3600;
/// Most grid-price submissions one epoch takes (the grid_market feeder set is bounded by this).
pub const MAX_GRID_PRICE_FEEDS: u8 = 8;

/// Every governable economic parameter. Changed only through an executed `SetPolicy` proposal.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub struct PolicyParams {
    /// Annual savings interest, bps.
    pub savings_rate_bps: u16,
    /// Marketplace protocol fee paid to the reserve, bps.
    pub marketplace_fee_bps: u16,
    /// Fee when collateral is swapped into currency, bps.
    pub reserve_tin_bps: u16,
    /// Fee when currency is redeemed for collateral, bps.
    pub reserve_tout_bps: u16,
    /// Clearing-price floor, currency base units per kWh.
    pub price_floor: u64,
    /// Clearing-price ceiling, currency base units per kWh.
    pub price_ceiling: u64,
    /// Weight of the grid price in the clearing price, bps (the rest is the market TWAP).
    pub grid_price_weight_bps: u16,
    /// Grid-price submissions an epoch needs for their median to count (else the previous
    /// epoch's price is used).
    pub min_grid_price_feeds: u8,
    /// Grid emission factor, grams CO2 per kWh.
    pub emission_factor_g_per_kwh: u32,
    /// Per-wallet rolling 24-hour trade volume limit, currency base units.
    pub aml_daily_volume_limit: u64,
    /// Largest single trade, currency base units.
    pub aml_single_trade_limit: u64,
    /// Minimum attestation level per `ActionClass`, indexed by `class as usize`.
    pub min_kyc_level: [u8; ACTION_CLASS_COUNT],
    /// grid_market epoch length in seconds (fixed in grid_market when its market is created).
    pub epoch_length_secs: u32,
    /// How long after settlement epoch revenue can be claimed before it is swept to the reserve.
    pub claim_expiry_secs: u32,
    /// Most currency governance may have issued without collateral at any time.
    pub issuance_cap: u64,
    /// Most reserve liquidity the marketplace may draw per support period.
    pub reserve_support_cap: u64,
    /// Length of one reserve-support period, seconds.
    pub reserve_support_period_secs: u32,
    /// Trading paused: swaps, deposits and offers fail; withdrawals and retirements still work.
    pub marketplace_paused: bool,
}

impl PolicyParams {
    pub fn validate(&self) -> Result<()> {
        for fee in [
            self.marketplace_fee_bps,
            self.reserve_tin_bps,
            self.reserve_tout_bps,
        ] {
            require!(fee <= MAX_FEE_BPS, CentralBankError::FeeOutOfBounds);
        }
        require!(
            self.savings_rate_bps <= MAX_SAVINGS_RATE_BPS,
            CentralBankError::FeeOutOfBounds
        );
        require!(
            self.price_floor > 0 && self.price_floor <= self.price_ceiling,
            CentralBankError::InvalidPriceBand
        );
        require!(
            self.grid_price_weight_bps <= 10_000,
            CentralBankError::WeightOutOfBounds
        );
        require!(
            (1..=MAX_GRID_PRICE_FEEDS).contains(&self.min_grid_price_feeds),
            CentralBankError::InvalidGridFeeds
        );
        require!(
            self.emission_factor_g_per_kwh <= MAX_EMISSION_FACTOR_G_PER_KWH,
            CentralBankError::InvalidEmissionFactor
        );
        require!(
            self.aml_single_trade_limit > 0
                && self.aml_single_trade_limit <= self.aml_daily_volume_limit,
            CentralBankError::InvalidAmlLimits
        );
        for level in self.min_kyc_level {
            require!(
                (1..=MAX_KYC_LEVEL).contains(&level),
                CentralBankError::InvalidKycLevel
            );
        }
        require!(
            (MIN_EPOCH_SECS..=MAX_EPOCH_SECS).contains(&self.epoch_length_secs)
                && self.claim_expiry_secs >= self.epoch_length_secs
                && self.claim_expiry_secs <= MAX_CLAIM_EXPIRY_SECS
                && self.reserve_support_period_secs >= MIN_EPOCH_SECS,
            CentralBankError::InvalidDuration
        );
        Ok(())
    }

    pub fn min_level(&self, class: ActionClass) -> u8 {
        self.min_kyc_level[class as usize]
    }
}

/// The policy in force. Singleton PDA `[POLICY]`; lower layers read it.
#[account]
#[derive(InitSpace)]
pub struct Policy {
    /// PDA bump.
    pub bump: u8,
    /// Incremented on every change.
    pub version: u32,
    /// UNIX time of the last change.
    pub updated_at: i64,
    /// The parameters in force.
    pub params: PolicyParams,
}
