pub mod contributor;
pub mod epoch;
pub mod market;
pub mod meter;

pub use contributor::*;
pub use epoch::*;
pub use market::*;
pub use meter::*;
