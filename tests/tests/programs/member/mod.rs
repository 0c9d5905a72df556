//! The member program: member accounts and attestations, permissions, affiliations and
//! leaving them, and the security baseline's attack classes on member actions.

mod attacks;
mod identity;
mod leaving;
