pub mod epoch;
pub mod init_market;
pub mod register_meter;
pub mod submit_reading;

pub use epoch::*;
pub use init_market::*;
pub use register_meter::*;
pub use submit_reading::*;
