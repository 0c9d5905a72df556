use anchor_lang::prelude::*;

use crate::state::MemberWeight;

#[event]
pub struct MembersSetEvent {
    pub household: Pubkey,
    pub members: Vec<MemberWeight>,
}

#[event]
pub struct ContributeEvent {
    pub household: Pubkey,
    pub wallet: Pubkey,
    pub amount: u64,
}

#[event]
pub struct InvestEvent {
    pub household: Pubkey,
    pub community: Pubkey,
    pub amount: u64,
}

#[event]
pub struct IncomeEvent {
    pub household: Pubkey,
    pub amount: u64,
}

#[event]
pub struct DistributeEvent {
    pub household: Pubkey,
    pub income: u64,
    pub reinvested: u64,
    pub to_members: u64,
    pub dust: u64,
}

#[event]
pub struct DistributionClaimEvent {
    pub household: Pubkey,
    pub wallet: Pubkey,
    pub amount: u64,
}

#[event]
pub struct DivestEvent {
    pub household: Pubkey,
    pub community: Pubkey,
    pub shares: u64,
    /// Currency received for the shares, and how it was shared out.
    pub amount: u64,
    pub to_members: u64,
    pub dust: u64,
}

#[event]
pub struct CreditTransferEvent {
    pub household: Pubkey,
    pub destination: Pubkey,
    /// Energy credits, base units (Wh).
    pub amount: u64,
}
