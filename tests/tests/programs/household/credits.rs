//! household transfer_credits: the trustees move the energy credits the trust's own meters earned
//! (review finding 6d: credits minted to the trust's PDA could never move).

use ::household::errors::HouseholdError as E;
use grid_market::state::OwnerKind;
use solana_sdk::signer::Signer;
use sourceenergy_sdk::{grid_market as gm, pda};
use sourceenergy_tests::*;

use crate::grid_market::{credits, grid, meter, next_epoch, open_epoch, HOUR};
use crate::people::*;

#[tokio::test]
async fn trustees_move_the_trusts_energy_credits_and_others_fail_threshold_not_met_or_not_trustee()
{
    let (f, g) = &mut grid().await;
    let (t1, t2, outsider) = (f.actor().await, f.actor().await, f.actor().await);
    let h = trust(f, &[&t1, &t2], 2, 0).await;
    let own = meter(f, g, h.household(), OwnerKind::Household, 10_000).await;
    next_epoch(f, HOUR / 2).await;
    let e = open_epoch(f).await;
    let reading = gm::Reading {
        oracle: g.oracle.pubkey(),
        meter_id: own,
        owner: h.household(),
        epoch: e,
    };
    let ix = h.record_reading(&reading, g.oracle.pubkey(), None, 3_000);
    assert_success(f.send(&[ix], &[&g.oracle]).await);
    assert_eq!(f.balance(h.credits()).await, 3_000);
    let destination = f
        .ata(&outsider.pubkey(), &pda::energy_credit_mint(), TOKEN)
        .await;
    assert_eq!(destination, credits(&outsider.pubkey()));

    // One of two trustees, or a stranger's signature, moves nothing.
    let ix = h.transfer_credits(destination, 1_000, &signers(&[&t1]));
    assert_error(f.send(&[ix], &[&t1]).await, E::ThresholdNotMet);
    let ix = h.transfer_credits(destination, 1_000, &signers(&[&t1, &outsider]));
    assert_error(f.send(&[ix], &[&t1, &outsider]).await, E::NotTrustee);
    assert_eq!(
        (f.balance(h.credits()).await, f.balance(destination).await),
        (3_000, 0)
    );

    let ix = h.transfer_credits(destination, 1_200, &signers(&[&t1, &t2]));
    assert_success(f.send(&[ix], &[&t1, &t2]).await);
    assert_eq!(
        (f.balance(h.credits()).await, f.balance(destination).await),
        (1_800, 1_200)
    );
    assert_eq!(f.supply(pda::energy_credit_mint()).await, 3_000);
}
