pub mod carbon;
pub mod offer;
pub mod pool;
pub mod trader;

pub use carbon::*;
pub use offer::*;
pub use pool::*;
pub use trader::*;
