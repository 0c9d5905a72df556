pub mod accrue;
pub mod close_savings;
pub mod freeze_currency_account;
pub mod freeze_or_thaw;
// Private, so the crate-root glob does not re-export it next to `state::governance`; its
// instructions are re-exported below.
mod governance;
pub mod initialize;
pub mod issue_attestation;
pub mod move_savings;
pub mod open_savings;
pub mod renew_attestation;
pub mod reserve_swap;
pub mod revoke_attestation;
pub mod savings_deposit;
pub mod savings_vaults;
pub mod savings_withdraw;
pub mod support_market;
pub mod thaw_currency_account;
pub mod update_attestation;

pub use accrue::*;
pub use close_savings::*;
pub use freeze_currency_account::*;
pub use freeze_or_thaw::*;
pub use governance::*;
pub use initialize::*;
pub use issue_attestation::*;
pub use move_savings::*;
pub use open_savings::*;
pub use renew_attestation::*;
pub use reserve_swap::*;
pub use revoke_attestation::*;
pub use savings_deposit::*;
pub use savings_vaults::*;
pub use savings_withdraw::*;
pub use support_market::*;
pub use thaw_currency_account::*;
pub use update_attestation::*;
