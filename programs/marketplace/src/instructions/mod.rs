pub mod carbon;
pub mod create_pool;
pub mod liquidity;
pub mod offer;
pub mod open_trader;
pub mod pool_accounts;
pub mod stabilize;
pub mod swap;

pub use carbon::*;
pub use create_pool::*;
pub use liquidity::*;
pub use offer::*;
pub use open_trader::*;
pub use pool_accounts::*;
pub use stabilize::*;
pub use swap::*;
