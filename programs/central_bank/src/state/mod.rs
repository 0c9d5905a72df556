pub mod compliance;
pub mod governance;
pub mod policy;
pub mod proposal;
pub mod reserve;
pub mod role;
pub mod savings_position;

pub use compliance::*;
pub use governance::*;
pub use policy::*;
pub use proposal::*;
pub use reserve::*;
pub use role::*;
pub use savings_position::*;
