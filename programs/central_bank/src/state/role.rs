use anchor_lang::prelude::*;

/// Roles that governance grants and lower layers check by reading the role record.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum RoleKind {
    /// Registers grid_market meters.
    MeterRegistrar,
    /// Reports meter readings.
    MeterOracle,
    /// Submits grid_market grid prices.
    GridPriceFeeder,
    /// Pays grid_market epoch revenue at settlement.
    GridOfftaker,
    /// The subject is a mint that may be traded on the marketplace.
    ListedMarketAsset,
    /// Creates and manages communities.
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
    /// PDA bump.
    pub bump: u8,
    /// The role held.
    pub role: RoleKind,
    /// Who holds it (a key, or a mint for `ListedMarketAsset`).
    pub subject: Pubkey,
    /// UNIX time granted.
    pub granted_at: i64,
    /// Index of the proposal that granted it.
    pub proposal: u64,
}
