//! The household program: trustees and their threshold, members and weights, contributions,
//! investing and divesting, the distribution crank, the trust's credits, and every
//! instruction's refusals.

mod credits;
mod divest;
mod refusals;
mod trust;
