pub mod claim_grid_revenue;
pub mod create_community;
pub mod fund;
pub mod project;
pub mod record_reading;
pub mod shares;
pub mod spend_benefit_fund;
pub mod transfer_credits;

pub use claim_grid_revenue::*;
pub use create_community::*;
pub use fund::*;
pub use project::*;
pub use record_reading::*;
pub use shares::*;
pub use spend_benefit_fund::*;
pub use transfer_credits::*;
