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
/// `[CARBON_REGISTRY]`: carbon-credit totals; mint authority of the carbon credit mint.
pub const CARBON_REGISTRY: &[u8] = b"carbon_registry";
/// `[CARBON_MINT]`: carbon credits, Token-2022, 6 decimals (1 base unit = 1 g CO2e).
pub const CARBON_MINT: &[u8] = b"carbon_mint";
/// `[RETIREMENT, serial.to_le_bytes()]`: a permanent retirement record.
pub const RETIREMENT: &[u8] = b"retirement";

/// The grid market's program ID (keypair in `keys/grid_market-keypair.json`). marketplace never
/// imports grid_market; it only checks grid_market's energy credit mint address,
/// `[ENERGY_CREDIT_MINT]` under this ID. grid_market must create its mint with the same seed.
pub const GRID_MARKET_ID: anchor_lang::prelude::Pubkey =
    anchor_lang::pubkey!("BzmUoScnbnzcgacHje5Kyjf26Qg3vdZXaqJnMdhazYyK");
pub const ENERGY_CREDIT_MINT: &[u8] = b"energy_credit_mint";
/// `[MARKET_AUTHORITY]`: the marketplace PDA that draws reserve support from central_bank and
/// trades it.
pub const MARKET_AUTHORITY: &[u8] = central_bank::seeds::MARKET_AUTHORITY;
