//! The native test harness: one fixture type that boots the engine (LiteSVM) with every
//! SourceEnergy program registered natively (SPL Token, Token-2022 and ATA run as real SBF),
//! funds actors, creates mints and token accounts, moves the clock, and checks results.
//!
//! `fixture/` holds the `Fixture` and its methods by concern, `assert` the outcome checks.
#![allow(deprecated)]

mod assert;
mod fixture;

use anchor_lang::prelude::Pubkey;
use anchor_spl::token_2022::spl_token_2022;
use solana_sdk::{signature::Keypair, signer::Signer};
use sourceenergy_sdk::marketplace::Holdings;

pub use anchor_lang::error::ErrorCode as AnchorError;
pub use assert::*;
pub use fixture::Fixture;
pub use sourceenergy_sdk as client;
pub use sourceenergy_sdk::central_bank::default_policy;

pub const TOKEN: Pubkey = spl_token_2022::ID;
pub const CLASSIC_TOKEN: Pubkey = anchor_spl::token::ID;
/// One whole unit of a 6-decimal token.
pub const UNIT: u64 = 1_000_000;
pub const TIMELOCK_SECS: u32 = 3_600;
pub const SOL: u64 = 1_000_000_000;

/// A marketplace participant: the wallet and its token accounts for one pool.
pub struct Trader {
    pub user: User,
    pub holdings: Holdings,
}

/// A wallet with its collateral and currency token accounts.
pub struct User {
    pub key: Keypair,
    pub collateral: Pubkey,
    pub currency: Pubkey,
}

impl User {
    pub fn pubkey(&self) -> Pubkey {
        self.key.pubkey()
    }
}
