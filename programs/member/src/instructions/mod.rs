pub mod authorized;
pub mod claim_revenue;
pub mod community_moves;
pub mod household_moves;
pub mod identity;
pub mod record_reading;
pub mod register_meter;

pub use authorized::*;
pub use claim_revenue::*;
pub use community_moves::*;
pub use household_moves::*;
pub use identity::*;
pub use record_reading::*;
pub use register_meter::*;
