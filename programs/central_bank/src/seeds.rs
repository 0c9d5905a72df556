//! PDA seeds, in one place. The client SDK derives every address from these.

pub const GOVERNANCE: &[u8] = b"governance";
pub const POLICY: &[u8] = b"policy";
/// The reserve account is also the currency's mint and freeze authority and owns every vault.
pub const RESERVE: &[u8] = b"reserve";
pub const CURRENCY_MINT: &[u8] = b"currency_mint";
pub const COLLATERAL_VAULT: &[u8] = b"collateral_vault";
pub const SURPLUS_VAULT: &[u8] = b"surplus_vault";
pub const SAVINGS_VAULT: &[u8] = b"savings_vault";
/// `[PROPOSAL, index.to_le_bytes()]`
pub const PROPOSAL: &[u8] = b"proposal";
/// `[ROLE, [role as u8], subject]`
pub const ROLE: &[u8] = b"role";
/// `[KYC_PROVIDER, provider authority]`
pub const KYC_PROVIDER: &[u8] = b"kyc_provider";
/// `[ATTESTATION, wallet]`
pub const ATTESTATION: &[u8] = b"attestation";
/// `[IDENTITY, identity_hash]`
pub const IDENTITY: &[u8] = b"identity";
/// `[SAVINGS_POSITION, owner]`
pub const SAVINGS_POSITION: &[u8] = b"savings_position";

/// The one program allowed to draw reserve support: the marketplace. central_bank never imports it;
/// it only checks the marketplace's signing PDA `[MARKET_AUTHORITY]` under this ID.
pub const MARKETPLACE_ID: anchor_lang::prelude::Pubkey =
    anchor_lang::pubkey!("DU1QfN2sPcBeXCKiwjLwkwidmVbmTkzfuaKxjWEfKKcP");
pub const MARKET_AUTHORITY: &[u8] = b"market_authority";
