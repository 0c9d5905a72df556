//! PDA seeds, in one place. The client SDK derives every address from these.
use anchor_lang::prelude::{pubkey, AccountInfo, Pubkey};

/// `[HOUSEHOLD, id]`: a household trust; it owns its vault and signs for the trust by CPI.
pub const HOUSEHOLD: &[u8] = b"household";
/// `[HOUSEHOLD_VAULT, household]`: the trust's currency.
pub const HOUSEHOLD_VAULT: &[u8] = b"household_vault";

/// The member program (recognised by ID; a higher layer never imports a lower one). A member's
/// actions on the trust arrive signed by its member account `[MEMBER, wallet]` there.
pub const MEMBER_PROGRAM_ID: Pubkey = pubkey!("ZsUSWowV8PbHbMHJdgL7Wp7K4qgwKPHeyZ3w2wUT7R5");
pub const MEMBER: &[u8] = b"member";
/// Anchor discriminator of the member program's `Member` account.
pub const MEMBER_DISCRIMINATOR: [u8; 8] = [54, 19, 162, 21, 29, 166, 17, 198];

/// Whether `info` is the member account of `wallet` (checked with the bump it stores).
pub fn is_member_account(info: &AccountInfo, wallet: &Pubkey) -> bool {
    se_anchor::is_stored_pda(
        info,
        &MEMBER_PROGRAM_ID,
        &MEMBER_DISCRIMINATOR,
        &[MEMBER, wallet.as_ref()],
    )
}
