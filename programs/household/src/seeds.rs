//! PDA seeds, in one place. The client SDK derives every address from these.
use anchor_lang::prelude::{pubkey, Pubkey};

/// `[HOUSEHOLD, id]`: a household trust; it owns its vault and signs for the trust by CPI.
pub const HOUSEHOLD: &[u8] = b"household";
/// `[HOUSEHOLD_VAULT, household]`: the trust's currency.
pub const HOUSEHOLD_VAULT: &[u8] = b"household_vault";

/// L6 member program (recognised by ID; a higher layer never imports a lower one). A member's
/// actions on the trust arrive signed by its member account `[MEMBER, wallet]` there.
pub const MEMBER_PROGRAM_ID: Pubkey = pubkey!("ZsUSWowV8PbHbMHJdgL7Wp7K4qgwKPHeyZ3w2wUT7R5");
pub const MEMBER: &[u8] = b"member";

/// The L6 member account of `wallet`.
pub fn member_account(wallet: &Pubkey) -> Pubkey {
    Pubkey::find_program_address(&[MEMBER, wallet.as_ref()], &MEMBER_PROGRAM_ID).0
}
