//! Council governance: a proposal is proposed, approved by the council's threshold, and after
//! its timelock executed by the `execute_*` instruction of its action, or cancelled.
pub mod approve;
pub mod cancel;
pub mod execute;
pub mod execute_approve_kyc_provider;
pub mod execute_grant_role;
pub mod execute_issue_currency;
pub mod execute_remove_kyc_provider;
pub mod execute_revoke_role;
pub mod execute_set_policy;
pub mod execute_update_council;
pub mod propose;

pub use approve::*;
pub use cancel::*;
pub use execute::*;
pub use execute_approve_kyc_provider::*;
pub use execute_grant_role::*;
pub use execute_issue_currency::*;
pub use execute_remove_kyc_provider::*;
pub use execute_revoke_role::*;
pub use execute_set_policy::*;
pub use execute_update_council::*;
pub use propose::*;
