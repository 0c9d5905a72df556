pub mod capital;
pub mod create_household;
pub mod income;
pub mod record_reading;
pub mod trustees;

pub use capital::*;
pub use create_household::*;
pub use income::*;
pub use record_reading::*;
pub use trustees::*;
