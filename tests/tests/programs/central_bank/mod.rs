//! The central bank.

mod compliance;
mod governance;
mod reserve;
mod savings;
mod sizes;
