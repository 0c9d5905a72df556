use anchor_lang::prelude::*;

use crate::state::{GridPriceSource, OwnerKind};

#[event]
pub struct RegisterMeterEvent {
    pub meter_id: Pubkey,
    pub owner_kind: OwnerKind,
    pub owner: Pubkey,
    pub credits_to: Pubkey,
    pub capacity_w: u64,
    pub oracle: Pubkey,
}

#[event]
pub struct ReadingEvent {
    pub meter_id: Pubkey,
    pub epoch: u64,
    pub cumulative_wh: u64,
    pub delta_wh: u64,
}

#[event]
pub struct EpochEvent {
    pub index: u64,
    /// true when opened, false when closed.
    pub opened: bool,
    pub total_wh: u64,
}

#[event]
pub struct PriceEvent {
    pub index: u64,
    pub grid_price: u64,
    pub grid_source: GridPriceSource,
    pub market_price: u64,
    /// Weight the market price got, bps (falls with the pool's depth; see `Epoch`).
    pub market_weight_bps: u16,
    pub clearing_price: u64,
}

#[event]
pub struct SettleEvent {
    pub index: u64,
    pub offtaker: Pubkey,
    pub revenue: u64,
}

#[event]
pub struct ClaimEvent {
    pub index: u64,
    pub owner: Pubkey,
    pub wh: u64,
    pub payout: u64,
}

#[event]
pub struct SweepEvent {
    pub index: u64,
    pub swept: u64,
}
