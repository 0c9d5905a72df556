use anchor_lang::prelude::*;

#[event]
pub struct MemberCreatedEvent {
    pub wallet: Pubkey,
    pub identity_hash: [u8; 32],
}

#[event]
pub struct PermissionsEvent {
    pub wallet: Pubkey,
    pub provider: Pubkey,
    pub permissions: u8,
}

#[event]
pub struct AffiliationEvent {
    pub wallet: Pubkey,
    pub household: Pubkey,
    pub community: Pubkey,
}

#[event]
pub struct MemberMoveEvent {
    pub wallet: Pubkey,
    /// What moved: invest, contribute, divest or income.
    pub kind: MoveKind,
    pub amount: u64,
}

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum MoveKind {
    Invest,
    Contribute,
    Divest,
    Income,
}

#[event]
pub struct MemberReadingEvent {
    pub wallet: Pubkey,
    pub meter: Pubkey,
    pub energy_wh: u64,
    pub co2_avoided_g: u64,
}
