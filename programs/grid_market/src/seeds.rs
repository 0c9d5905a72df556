//! PDA seeds, in one place. The client SDK derives every address from these.

/// `[MARKET]`: the grid market; mint authority of the energy credits.
pub const MARKET: &[u8] = b"market";
/// `[ENERGY_CREDIT_MINT]`: energy credits, Token-2022, 3 decimals (1 base unit = 1 Wh). The The
/// marketplace binds its carbon registry to this address, so the seed is the marketplace's
/// constant.
pub const ENERGY_CREDIT_MINT: &[u8] = marketplace::seeds::ENERGY_CREDIT_MINT;
/// `[REVENUE_VAULT]`: settled epoch revenue (currency) awaiting claims or the sweep.
pub const REVENUE_VAULT: &[u8] = b"revenue_vault";
/// `[METER, meter_id]`
pub const METER: &[u8] = b"meter";
/// `[EPOCH, index.to_le_bytes()]`
pub const EPOCH: &[u8] = b"epoch";
/// `[CONTRIBUTOR, owner]`: an owner's unsettled per-epoch contributions.
pub const CONTRIBUTOR: &[u8] = b"contributor";
