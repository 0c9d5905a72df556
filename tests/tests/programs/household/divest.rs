//! household divest: trustees take the trust's capital back out of its community and it goes to the
//! members at once (review finding 6b: invested capital could never come back).

use ::household::{errors::HouseholdError as E, state::Household};
use community::state::{Community, Position};
use sourceenergy_tests::*;

use crate::people::*;

#[tokio::test]
async fn trustees_divest_and_members_receive_it_by_weight() {
    let f = &mut Fixture::bootstrap().await;
    let c = f.community().await;
    let (t1, t2) = (f.actor().await, f.actor().await);
    let h = trust(f, &[&t1, &t2], 2, 0).await;
    let (a, b) = (person(f, 100 * UNIT).await, person(f, UNIT).await);
    let both = signers(&[&t1, &t2]);
    let ix = h.set_members(weights(&[(&a, 6_000), (&b, 4_000)]), &both);
    assert_success(f.send(&[ix], &[&t1, &t2]).await);
    let ix = h.join_community(f.payer(), &c, &both);
    assert_success(f.send(&[ix], &[&t1, &t2]).await);
    assert_success(f.send(&[a.keys.join_household(&h)], &[&a.user.key]).await);
    assert_success(f.send(&[b.keys.join_household(&h)], &[&b.user.key]).await);
    assert_success(
        f.send(&[a.keys.contribute(&h, 100 * UNIT)], &[&a.user.key])
            .await,
    );
    let ix = h.invest(&c, 100 * UNIT, &both);
    assert_success(f.send(&[ix], &[&t1, &t2]).await);
    // The first deposit locks 1,000 shares; the rest are the trust's, one currency unit each.
    let position: Position = f.account(c.position(&h.household())).await;
    assert_eq!(position.shares, 100 * UNIT - 1_000);

    // 40,000,001 shares are worth 40,000,001: 60% is 24,000,000.6 and 40% is 16,000,000.4,
    // each rounded down, so 1 unit of dust waits in `undistributed`.
    let shares = 40_000_001;
    let ix = h.divest(&c, shares, &both);
    assert_success(f.send(&[ix], &[&t1, &t2]).await);
    let state: Household = f.account(h.household()).await;
    assert_eq!(
        (state.members[0].owed(), state.members[1].owed()),
        (24_000_000, 16_000_000)
    );
    assert_eq!(
        (state.owed, state.undistributed, state.capital),
        (40_000_000, 1, 0)
    );
    assert_eq!((state.divested, state.invested), (shares, 100 * UNIT));
    assert_eq!(f.balance(h.vault()).await, shares);
    let position: Position = f.account(c.position(&h.household())).await;
    assert_eq!(position.shares, 100 * UNIT - 1_000 - shares);
    let fund: Community = f.account(c.community()).await;
    assert_eq!(fund.liquid, 100 * UNIT - shares);

    // Members claim it through the member program as any distribution.
    let before = f.balance(b.user.currency).await;
    assert_success(f.send(&[b.keys.claim_household(&h)], &[&b.user.key]).await);
    assert_eq!(f.balance(b.user.currency).await - before, 16_000_000);
    let before = f.balance(a.user.currency).await;
    assert_success(f.send(&[a.keys.claim_household(&h)], &[&a.user.key]).await);
    assert_eq!(f.balance(a.user.currency).await - before, 24_000_000);
    assert_eq!(f.balance(h.vault()).await, 1);
}

#[tokio::test]
async fn divest_fails_threshold_not_met_and_not_trustee() {
    let f = &mut Fixture::bootstrap().await;
    let c = f.community().await;
    let (t1, t2, outsider) = (f.actor().await, f.actor().await, f.actor().await);
    let h = trust(f, &[&t1, &t2], 2, 0).await;
    let a = person(f, 10 * UNIT).await;
    let both = signers(&[&t1, &t2]);
    let ix = h.set_members(weights(&[(&a, 10_000)]), &both);
    assert_success(f.send(&[ix], &[&t1, &t2]).await);
    let ix = h.join_community(f.payer(), &c, &both);
    assert_success(f.send(&[ix], &[&t1, &t2]).await);
    assert_success(f.send(&[a.keys.join_household(&h)], &[&a.user.key]).await);
    assert_success(
        f.send(&[a.keys.contribute(&h, 10 * UNIT)], &[&a.user.key])
            .await,
    );
    assert_success(f.send(&[h.invest(&c, 10 * UNIT, &both)], &[&t1, &t2]).await);

    let ix = h.divest(&c, UNIT, &signers(&[&t1]));
    assert_error(f.send(&[ix], &[&t1]).await, E::ThresholdNotMet);
    let ix = h.divest(&c, UNIT, &signers(&[&t1, &outsider]));
    assert_error(f.send(&[ix], &[&t1, &outsider]).await, E::NotTrustee);
    // A member cannot take the trust's capital out on its own either.
    let ix = h.divest(&c, UNIT, &[a.wallet()]);
    assert_error(f.send(&[ix], &[&a.user.key]).await, E::NotTrustee);

    assert_eq!(f.balance(h.vault()).await, 0);
    let state: Household = f.account(h.household()).await;
    assert_eq!((state.owed, state.divested), (0, 0));
    let position: Position = f.account(c.position(&h.household())).await;
    assert_eq!(position.shares, 10 * UNIT - 1_000);
}
