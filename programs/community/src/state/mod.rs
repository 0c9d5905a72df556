pub mod community;
pub mod position;
pub mod project;

pub use community::*;
pub use position::*;
pub use project::*;
