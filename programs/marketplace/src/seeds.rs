//! PDA seeds, in one place. The client SDK derives every address from these.

/// `[POOL, asset_mint]`: one pool per listed asset, quoted in the currency.
pub const POOL: &[u8] = b"pool";
/// `[POOL_VAULT, pool, mint]`
pub const POOL_VAULT: &[u8] = b"pool_vault";
/// `[LP_MINT, pool]`
pub const LP_MINT: &[u8] = b"lp_mint";
/// `[TRADER, wallet]`: the wallet's rolling 24-hour volume.
pub const TRADER: &[u8] = b"trader";
/// `[OFFER, maker, id.to_le_bytes()]`
pub const OFFER: &[u8] = b"offer";
/// `[OFFER_VAULT, offer]`: the escrow of the offer's sell side.
pub const OFFER_VAULT: &[u8] = b"offer_vault";
