pub mod household;

pub use household::*;
