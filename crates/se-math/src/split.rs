//! Splitting an amount by weights in basis points (household distributions). Each share rounds
//! down, so the shares never exceed the amount, and what is left (the dust) is less than one
//! unit per weight.

use crate::{mul_div_floor, MathResult};

/// Weights are in basis points of this whole.
pub const FULL_BPS: u64 = 10_000;

/// `amount × weight_bps / 10,000`, rounded down.
pub fn weighted_share(amount: u64, weight_bps: u16) -> MathResult<u64> {
    mul_div_floor(amount, weight_bps as u64, FULL_BPS)
}

/// The shares of `amount` for `weights` (rounded down each) and their total.
pub fn split(amount: u64, weights: impl IntoIterator<Item = u16>) -> MathResult<u64> {
    weights
        .into_iter()
        .try_fold(0u64, |total, w| Ok(total + weighted_share(amount, w)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Weights in bps summing to 10,000, 1 to 8 of them.
    fn weights() -> impl Strategy<Value = Vec<u16>> {
        prop::collection::vec(1u16..=10_000, 1..8).prop_map(|raw| {
            let sum: u64 = raw.iter().map(|w| *w as u64).sum();
            let mut w: Vec<u16> = raw
                .iter()
                .map(|x| ((*x as u64 * FULL_BPS) / sum) as u16)
                .collect();
            let short = FULL_BPS as u16 - w.iter().sum::<u16>();
            w[0] += short;
            w
        })
    }

    #[test]
    fn known_values() {
        assert_eq!(weighted_share(333_315, 3_333), Ok(111_093));
        assert_eq!(weighted_share(333_315, 6_667), Ok(222_221));
        assert_eq!(split(333_315, [3_333, 6_667]), Ok(333_314));
        assert_eq!(split(7, [5_000, 5_000]), Ok(6));
    }

    proptest! {
        #[test]
        fn shares_never_exceed_the_amount_and_dust_stays_below_one_per_member(
            amount in 0u64..1 << 60, w in weights()
        ) {
            prop_assert_eq!(w.iter().map(|x| *x as u64).sum::<u64>(), FULL_BPS);
            let total = split(amount, w.iter().copied()).unwrap();
            prop_assert!(total <= amount);
            prop_assert!(amount - total < w.len() as u64);
        }
    }
}
