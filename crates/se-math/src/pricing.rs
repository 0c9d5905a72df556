//! Grid-market pricing. Prices are currency base units per kWh; energy is in Wh.

use crate::{mul_div_floor, MathError, MathResult, BPS_DENOMINATOR};

pub const WH_PER_KWH: u64 = 1_000;

/// Median of the submitted prices; the lower-middle average (rounded down) for an even count.
/// Sorts `prices` in place. `None` when there are none.
pub fn median(prices: &mut [u64]) -> Option<u64> {
    if prices.is_empty() {
        return None;
    }
    prices.sort_unstable();
    let mid = prices.len() / 2;
    Some(if prices.len() % 2 == 1 {
        prices[mid]
    } else {
        // (a + b) / 2 without overflow
        prices[mid - 1] / 2 + prices[mid] / 2 + (prices[mid - 1] % 2 + prices[mid] % 2) / 2
    })
}

/// `clamp(weight * grid + (1 - weight) * market, floor, ceiling)`, the mix rounded down; the
/// grid price alone when there is no market price.
pub fn clearing_price(
    grid: u64,
    market: Option<u64>,
    grid_weight_bps: u16,
    floor: u64,
    ceiling: u64,
) -> MathResult<u64> {
    if grid_weight_bps as u64 > BPS_DENOMINATOR || floor > ceiling {
        return Err(MathError::Overflow);
    }
    let mixed = match market {
        None => grid,
        Some(market) => {
            let w = grid_weight_bps as u128;
            let total = grid as u128 * w + market as u128 * (BPS_DENOMINATOR as u128 - w);
            (total / BPS_DENOMINATOR as u128) as u64
        }
    };
    Ok(mixed.clamp(floor, ceiling))
}

/// What `wh` of energy earns at `price_per_kwh`, rounded down: `floor(wh * price / 1000)`.
pub fn energy_value(wh: u64, price_per_kwh: u64) -> MathResult<u64> {
    mul_div_floor(wh, price_per_kwh, WH_PER_KWH)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_values() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [7]), Some(7));
        assert_eq!(median(&mut [90, 10, 50]), Some(50));
        assert_eq!(median(&mut [10, 40, 20, 30]), Some(25));
        assert_eq!(median(&mut [1, 2]), Some(1)); // 1.5 rounds down
        assert_eq!(median(&mut [u64::MAX, u64::MAX]), Some(u64::MAX));
        // 70% of 100,000 + 30% of 200,000 = 130,000
        assert_eq!(
            clearing_price(100_000, Some(200_000), 7_000, 50_000, 500_000),
            Ok(130_000)
        );
        assert_eq!(
            clearing_price(100_000, None, 7_000, 50_000, 500_000),
            Ok(100_000)
        );
        assert_eq!(
            clearing_price(900_000, None, 7_000, 50_000, 500_000),
            Ok(500_000)
        );
        assert_eq!(
            clearing_price(1, Some(2), 5_000, 50_000, 500_000),
            Ok(50_000)
        );
        assert_eq!(energy_value(1_500, 120_000), Ok(180_000)); // 1.5 kWh * 0.12
        assert_eq!(energy_value(1, 999), Ok(0));
    }

    proptest! {
        #[test]
        fn median_lies_between_min_and_max(mut v in prop::collection::vec(any::<u64>(), 1..9)) {
            let (lo, hi) = (*v.iter().min().unwrap(), *v.iter().max().unwrap());
            let m = median(&mut v).unwrap();
            prop_assert!(lo <= m && m <= hi);
        }

        #[test]
        fn clearing_price_stays_in_band(grid in any::<u64>(), market in proptest::option::of(any::<u64>()),
                                        w in 0u16..=10_000, floor in 0u64..1 << 40, width in 0u64..1 << 40) {
            let p = clearing_price(grid, market, w, floor, floor + width).unwrap();
            prop_assert!(floor <= p && p <= floor + width);
            if w == 10_000 || market.is_none() {
                prop_assert_eq!(p, grid.clamp(floor, floor + width));
            }
        }

        #[test]
        fn payouts_never_exceed_revenue(parts in prop::collection::vec(0u64..1 << 40, 1..20), price in 0u64..1 << 20) {
            let total: u64 = parts.iter().sum();
            let paid: u64 = parts.iter().map(|wh| energy_value(*wh, price).unwrap()).sum();
            let revenue = energy_value(total, price).unwrap();
            prop_assert!(paid <= revenue);
            // flooring loses less than one unit per part
            prop_assert!(revenue - paid < parts.len() as u64);
        }
    }
}
