//! PDA seeds, in one place. The client SDK derives every address from these.

/// `[COMMUNITY, id]`: a community fund; it owns its vault and signs its grid_market claims.
pub const COMMUNITY: &[u8] = b"community";
/// `[COMMUNITY_VAULT, community]`: the fund's currency.
pub const COMMUNITY_VAULT: &[u8] = b"community_vault";
/// `[POSITION, community, owner]`: a member's or household trust's shares.
pub const POSITION: &[u8] = b"position";
/// `[PROJECT, community, project_id]`: a renewable project the fund invests in.
pub const PROJECT: &[u8] = b"project";
/// `[SHARE_MINT, community]`: shares tokenized out of positions (transferable; stake to earn).
pub const SHARE_MINT: &[u8] = b"share_mint";

// Lower layers, recognised by program ID and account type only: a higher layer never imports a
// lower one (docs/design.md). The tests check these against the real crates.
use anchor_lang::prelude::{pubkey, Pubkey};

/// The household program; its `Household` accounts sign by CPI for their trust.
pub const HOUSEHOLD_PROGRAM_ID: Pubkey = pubkey!("DgRmmy8sTFW87o8gvUguWSXP1QHvano5cvyRNgVRtXc7");
/// Anchor discriminator of the household program's `Household` account.
pub const HOUSEHOLD_DISCRIMINATOR: [u8; 8] = [44, 221, 197, 161, 241, 73, 26, 173];
/// The member program; `[MEMBER, wallet]` is a member's account there.
pub const MEMBER_PROGRAM_ID: Pubkey = pubkey!("ZsUSWowV8PbHbMHJdgL7Wp7K4qgwKPHeyZ3w2wUT7R5");
pub const MEMBER: &[u8] = b"member";
/// Anchor discriminator of the member program's `Member` account.
pub const MEMBER_DISCRIMINATOR: [u8; 8] = [54, 19, 162, 21, 29, 166, 17, 198];
