pub mod actions;
pub mod identity;
pub mod record_reading;
pub mod register_meter;

pub use actions::*;
pub use identity::*;
pub use record_reading::*;
pub use register_meter::*;
