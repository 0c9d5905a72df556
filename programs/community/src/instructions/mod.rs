pub mod claim_grid_revenue;
pub mod create_community;
pub mod fund;

pub use claim_grid_revenue::*;
pub use create_community::*;
pub use fund::*;
