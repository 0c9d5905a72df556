//! PDA seeds, in one place. The client SDK derives every address from these.

/// `[COMMUNITY, id]`: a community fund; it owns its vault and signs its L3 claims.
pub const COMMUNITY: &[u8] = b"community";
/// `[COMMUNITY_VAULT, community]`: the fund's currency.
pub const COMMUNITY_VAULT: &[u8] = b"community_vault";
/// `[POSITION, community, owner]`: a member's or household trust's shares.
pub const POSITION: &[u8] = b"position";
