pub mod pool;
pub mod trader;

pub use pool::*;
pub use trader::*;
