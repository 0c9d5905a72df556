pub mod capital;
pub mod claim_distribution;
pub mod create_household;
pub mod distribute;
pub mod divest;
pub mod income;
pub mod record_reading;
pub mod trustees;

pub use capital::*;
pub use claim_distribution::*;
pub use create_household::*;
pub use distribute::*;
pub use divest::*;
pub use income::*;
pub use record_reading::*;
pub use trustees::*;
