//! L4 community.

mod fund;
