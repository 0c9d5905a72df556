use anchor_lang::prelude::*;

#[event]
pub struct FundEvent {
    pub community: Pubkey,
    pub owner: Pubkey,
    /// true: deposit, false: withdrawal.
    pub deposit: bool,
    pub amount: u64,
    pub shares: u64,
}

/// A grid_market epoch's revenue arrived. `fee` and `streamed` are 0 when it was booked before
/// (`BookRevenueEvent` split it then).
#[event]
pub struct RevenueEvent {
    pub community: Pubkey,
    pub epoch: u64,
    pub received: u64,
    pub fee: u64,
    /// Added to the reward pool; streams to staked shares until `stream_end`.
    pub streamed: u64,
    pub stream_end: i64,
}

/// A grid_market epoch's revenue booked at its close, before the cash arrives.
#[event]
pub struct BookRevenueEvent {
    pub community: Pubkey,
    pub epoch: u64,
    /// The community's energy in the epoch.
    pub wh: u64,
    /// `floor(wh x clearing price / 1000)`, receivable until the offtaker pays.
    pub amount: u64,
    pub fee: u64,
    /// Added to the reward pool; streams to staked shares until `stream_end`.
    pub streamed: u64,
    pub stream_end: i64,
}

#[event]
pub struct RewardClaimEvent {
    pub community: Pubkey,
    pub owner: Pubkey,
    pub amount: u64,
}

#[event]
pub struct ProjectEvent {
    pub community: Pubkey,
    pub project: Pubkey,
    pub amount: u64,
    pub funded: u64,
}

#[event]
pub struct ShareTokenEvent {
    pub community: Pubkey,
    pub owner: Pubkey,
    /// true: moved out of the position into tokens; false: staked back.
    pub tokenized: bool,
    pub shares: u64,
}

#[event]
pub struct ImpactEvent {
    pub community: Pubkey,
    pub meter: Pubkey,
    pub energy_wh: u64,
    pub co2_avoided_g: u64,
}

#[event]
pub struct BenefitSpendEvent {
    pub community: Pubkey,
    pub recipient: Pubkey,
    pub amount: u64,
    /// What is left in the benefit fund.
    pub remaining: u64,
}

#[event]
pub struct CreditTransferEvent {
    pub community: Pubkey,
    pub destination: Pubkey,
    /// Energy credits, base units (Wh).
    pub amount: u64,
}
