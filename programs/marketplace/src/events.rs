use anchor_lang::prelude::*;

#[event]
pub struct CreatePoolEvent {
    pub pool: Pubkey,
    pub asset_mint: Pubkey,
    pub creator: Pubkey,
    pub asset_amount: u64,
    pub currency_amount: u64,
    pub lp_minted: u64,
}

#[event]
pub struct LiquidityEvent {
    pub pool: Pubkey,
    pub owner: Pubkey,
    /// true: deposit, false: withdrawal.
    pub deposit: bool,
    pub lp: u64,
    pub asset_amount: u64,
    pub currency_amount: u64,
}

/// The trade record of every swap (compliance monitoring reads these).
#[event]
pub struct SwapEvent {
    pub pool: Pubkey,
    pub trader: Pubkey,
    pub buy_asset: bool,
    pub amount_in: u64,
    pub amount_out: u64,
    pub lp_fee: u64,
    pub protocol_fee: u64,
    /// Currency-denominated volume counted against the trader's 24-hour limit.
    pub volume: u64,
}

#[event]
pub struct OfferEvent {
    pub offer: Pubkey,
    pub maker: Pubkey,
    pub sell_mint: Pubkey,
    pub buy_mint: Pubkey,
    pub sell_amount: u64,
    pub buy_amount: u64,
    pub expires_at: i64,
}

/// The trade record of every fill.
#[event]
pub struct FillEvent {
    pub offer: Pubkey,
    pub taker: Pubkey,
    pub sold: u64,
    pub paid: u64,
    pub remaining: u64,
    pub volume: u64,
}

#[event]
pub struct CloseOfferEvent {
    pub offer: Pubkey,
    pub returned: u64,
}

#[event]
pub struct ConvertEvent {
    pub wallet: Pubkey,
    pub energy_wh: u64,
    pub carbon_g: u64,
    pub emission_factor_g_per_kwh: u32,
}

#[event]
pub struct RetireEvent {
    pub serial: u64,
    pub wallet: Pubkey,
    pub beneficiary: Pubkey,
    pub carbon_g: u64,
}

/// A reserve stabilisation trade (none is emitted when the price is inside the band).
#[event]
pub struct StabilizeEvent {
    pub pool: Pubkey,
    /// true: the reserve bought energy credits (price below the floor).
    pub buy_asset: bool,
    pub amount_in: u64,
    pub amount_out: u64,
    /// TWAP in currency base units per kWh.
    pub twap_per_kwh: u64,
}
