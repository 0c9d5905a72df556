pub mod member;

pub use member::*;
