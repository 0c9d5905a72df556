//! The community program. Its helpers (`Fixture::community`, `community_member`, `offtaker`)
//! are in the fixture, since the runtime tests use them too.

mod booking;
mod fund;
mod holders;
mod outflows;
mod projects;
