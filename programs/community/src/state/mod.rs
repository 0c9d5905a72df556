pub mod community;
pub mod position;

pub use community::*;
pub use position::*;
