//! The member program: member accounts and attestations, permissions, affiliations and
//! leaving them, the security baseline's attack classes on member actions, and every
//! instruction's refusals.

mod attacks;
mod identity;
mod leaving;
mod refusals;
