pub mod epoch;
pub mod init_market;
pub mod register_meter;
pub mod settlement;
pub mod submit_grid_price;
pub mod submit_reading;

pub use epoch::*;
pub use init_market::*;
pub use register_meter::*;
pub use settlement::*;
pub use submit_grid_price::*;
pub use submit_reading::*;
