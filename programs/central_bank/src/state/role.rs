use anchor_lang::prelude::*;

/// Roles that governance grants and lower layers check by reading the role record.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum RoleKind {
    MeterRegistrar,
    MeterOracle,
    GridPriceFeeder,
    GridOfftaker,
    /// The subject is a mint that may be traded on the marketplace.
    ListedMarketAsset,
    CommunityRegistrar,
}

impl RoleKind {
    pub fn seed(self) -> [u8; 1] {
        [self as u8]
    }
}

/// A granted role. PDA `[ROLE, [role], subject]`; exists only while the role is held
/// (revocation closes it), so owner + seeds is the whole check.
#[account]
#[derive(InitSpace)]
pub struct Role {
    pub bump: u8,
    pub role: RoleKind,
    pub subject: Pubkey,
    pub granted_at: i64,
    /// Index of the proposal that granted it.
    pub proposal: u64,
}
