//! L3 grid market.

mod readings;
