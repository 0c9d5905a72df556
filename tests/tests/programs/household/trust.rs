//! The household trust: trustees, weights, the distribution crank and the ledger.

use ::household::{
    errors::HouseholdError as E,
    state::{Household, MemberWeight},
};
use solana_sdk::signer::Signer;
use sourceenergy_tests::*;

use crate::people::*;

#[tokio::test]
async fn trustees_need_their_threshold_and_weights_must_sum_to_10000() {
    let f = &mut Fixture::bootstrap().await;
    let (t1, t2, outsider) = (f.actor().await, f.actor().await, f.actor().await);
    let h = trust(f, &[&t1, &t2], 2, 0).await;
    let (a, b) = (person(f, UNIT).await, person(f, UNIT).await);
    let list = weights(&[(&a, 6_000), (&b, 4_000)]);

    // One of two trustees is below the threshold; an outsider's signature is no trustee's.
    let ix = h.set_members(list.clone(), &signers(&[&t1]));
    assert_error(f.send(&[ix], &[&t1]).await, E::ThresholdNotMet);
    let ix = h.set_members(list.clone(), &signers(&[&t1, &outsider]));
    assert_error(f.send(&[ix], &[&t1, &outsider]).await, E::NotTrustee);
    // Signer check: a trustee listed without signing does not count.
    let mut ix = h.set_members(list.clone(), &signers(&[&t1, &t2]));
    ix.accounts.last_mut().unwrap().is_signer = false;
    assert_error(f.send(&[ix], &[&t1]).await, E::NotTrustee);

    for (bad, err) in [
        (
            weights(&[(&a, 6_000), (&b, 3_999)]),
            E::WeightsNotFullyAllocated,
        ),
        (
            weights(&[(&a, 6_000), (&b, 4_001)]),
            E::WeightsNotFullyAllocated,
        ),
        (weights(&[(&a, 5_000), (&a, 5_000)]), E::InvalidMembers),
        (Vec::<MemberWeight>::new(), E::InvalidMembers),
    ] {
        let ix = h.set_members(bad, &signers(&[&t1, &t2]));
        assert_error(f.send(&[ix], &[&t1, &t2]).await, err);
    }
    let ix = h.set_members(list, &signers(&[&t1, &t2]));
    assert_success(f.send(&[ix], &[&t1, &t2]).await);
    let state: Household = f.account(h.household()).await;
    assert_eq!(state.member_count, 2);
    assert_eq!(
        (state.members[0].weight_bps, state.members[1].weight_bps),
        (6_000, 4_000)
    );

    // Bad trustee sets are rejected at creation.
    let h2 = HouseholdKeys {
        id: Pubkey::new_unique(),
    };
    let p = f.payer();
    for (list, threshold) in [
        (vec![t1.pubkey(), t1.pubkey()], 1),
        (vec![t1.pubkey()], 2),
        (vec![t1.pubkey()], 0),
        (vec![], 0),
    ] {
        let ix = h2.create(p, list, threshold, 0);
        assert_error(f.send(&[ix], &[]).await, E::InvalidTrustees);
    }
    let ix = h2.create(p, vec![t1.pubkey()], 1, 10_001);
    assert_error(f.send(&[ix], &[]).await, E::InvalidReinvestBps);
}

#[tokio::test]
async fn members_pay_in_only_through_their_own_member_account() {
    let f = &mut Fixture::bootstrap().await;
    let t = f.actor().await;
    let h = trust(f, &[&t], 1, 0).await;
    let (a, stranger) = (person(f, 10 * UNIT).await, person(f, 10 * UNIT).await);
    let ix = h.set_members(weights(&[(&a, 10_000)]), &signers(&[&t]));
    assert_success(f.send(&[ix], &[&t]).await);

    // Not yet joined on the member side: the member program refuses.
    let ix = a.keys.contribute(&h, UNIT);
    assert_error(
        f.send(&[ix], &[&a.user.key]).await,
        ::member::errors::MemberError::WrongAffiliation,
    );
    assert_success(f.send(&[a.keys.join_household(&h)], &[&a.user.key]).await);
    // A wallet the trustees did not list cannot join.
    let ix = stranger.keys.join_household(&h);
    assert_error(
        f.send(&[ix], &[&stranger.user.key]).await,
        ::member::errors::MemberError::NotInHousehold,
    );
    assert_success(
        f.send(&[a.keys.contribute(&h, 4 * UNIT)], &[&a.user.key])
            .await,
    );

    // Calling the household program directly with a wallet's own signature as the "member account"
    // fails.
    let direct =
        anchor_lang::InstructionData::data(&::household::instruction::Contribute { amount: UNIT });
    let accounts = anchor_lang::ToAccountMetas::to_account_metas(
        &::household::accounts::Contribute {
            member: a.wallet(),
            wallet: a.wallet(),
            trust: ::household::accounts::Trust {
                household: h.household(),
                currency_mint: sourceenergy_sdk::pda::currency_mint(),
                vault: h.vault(),
                token_program: TOKEN,
            },
            source: a.user.currency,
        },
        None,
    );
    let ix = anchor_lang::solana_program::instruction::Instruction {
        program_id: ::household::ID,
        accounts,
        data: direct,
    };
    assert_error(f.send(&[ix], &[&a.user.key]).await, E::WrongMemberAccount);

    let state: Household = f.account(h.household()).await;
    assert_eq!(
        (state.capital, state.members[0].contributed),
        (4 * UNIT, 4 * UNIT)
    );
    assert_eq!(f.balance(h.vault()).await, 4 * UNIT);

    // With nothing earned there is nothing to distribute.
    assert_error(
        f.send(&[h.distribute(None)], &[]).await,
        E::NothingToDistribute,
    );
}

#[tokio::test]
async fn distributions_stay_owed_until_claimed_and_block_removing_the_member() {
    use crate::grid_market::{grid, meter, next_epoch, open_epoch, HOUR};
    use grid_market::state::OwnerKind;
    use sourceenergy_sdk::grid_market as gm;

    let (f, g) = &mut grid().await;
    let (c, _) = f.managed_community().await;
    let t = f.actor().await;
    let h = trust(f, &[&t], 1, 0).await;
    let (a, b) = (person(f, 200 * UNIT).await, person(f, UNIT).await);
    let ix = h.set_members(weights(&[(&a, 10_000)]), &signers(&[&t]));
    assert_success(f.send(&[ix], &[&t]).await);
    let p = f.payer();
    assert_success(
        f.send(&[h.join_community(p, &c, &signers(&[&t]))], &[&t])
            .await,
    );
    let ix = h.join_community(p, &c, &signers(&[&t]));
    assert_error(f.send(&[ix], &[&t]).await, E::AlreadyInCommunity);
    assert_success(f.send(&[a.keys.join_household(&h)], &[&a.user.key]).await);
    assert_error(
        f.send(&[a.keys.join_household(&h)], &[&a.user.key]).await,
        ::member::errors::MemberError::AlreadyAffiliated,
    );
    assert_success(
        f.send(&[a.keys.contribute(&h, 100 * UNIT)], &[&a.user.key])
            .await,
    );
    assert_success(
        f.send(&[h.invest(&c, 100 * UNIT, &signers(&[&t]))], &[&t])
            .await,
    );

    // A meter of a wallet outside the trust cannot be carried through it.
    let outsider = f.actor().await;
    let foreign = meter(f, g, outsider.pubkey(), OwnerKind::Member, 10_000).await;
    let project = meter(f, g, c.community(), OwnerKind::Community, 10_000).await;
    next_epoch(f, HOUR / 2).await;
    let e = open_epoch(f).await;
    let reading = |meter_id, owner| gm::Reading {
        oracle: g.oracle.pubkey(),
        meter_id,
        owner,
        epoch: e,
    };
    let ix = h.record_reading(
        &reading(foreign, outsider.pubkey()),
        g.oracle.pubkey(),
        Some(&c),
        1_000,
    );
    assert_error(f.send(&[ix], &[&g.oracle]).await, E::UnaffiliatedMeter);

    // The community earns 4 kWh at the 50,000 floor = 200,000; fee 10,000; the trust holds every
    // staked share, so it earns 189,999 (rounded down) once the stream has run and owes it all to
    // `a`.
    let ix = c.record_reading(&reading(project, c.community()), 4_000);
    assert_success(f.send(&[ix], &[&g.oracle]).await);
    next_epoch(f, 1).await;
    assert_success(f.send(&[gm::close_epoch(e)], &[]).await);
    let o = f.offtaker().await;
    let ix = gm::settle_epoch(o.pubkey(), o.currency, e, u64::MAX);
    assert_success(f.send(&[ix], &[&o.key]).await);
    assert_success(f.send(&[c.claim_grid_revenue(e)], &[]).await);
    // The revenue streams to the staked shares over the next hour.
    f.warp(HOUR).await;
    assert_success(f.send(&[h.claim_community_rewards(&c)], &[]).await);
    assert_success(f.send(&[h.distribute(Some(&c))], &[]).await);
    let state: Household = f.account(h.household()).await;
    assert_eq!((state.income_received, state.owed), (189_999, 189_999));
    assert_eq!(state.members[0].owed(), 189_999);

    // `a` cannot be removed while owed; once it has claimed, it can.
    let swap = h.set_members(weights(&[(&b, 10_000)]), &signers(&[&t]));
    assert_error(f.send(&[swap.clone()], &[&t]).await, E::MemberHasBalance);
    let before = f.balance(a.user.currency).await;
    assert_success(f.send(&[a.keys.claim_household(&h)], &[&a.user.key]).await);
    assert_eq!(f.balance(a.user.currency).await - before, 189_999);
    assert_error(
        f.send(&[a.keys.claim_household(&h)], &[&a.user.key]).await,
        E::ZeroAmount,
    );
    f.warp(1).await;
    assert_success(f.send(&[swap], &[&t]).await);
    let state: Household = f.account(h.household()).await;
    assert_eq!(
        (state.member_count, state.members[0].wallet),
        (1, b.wallet())
    );
}

/// F7 of the second review: a revoked member no longer receives distributions once the
/// trustees set its weight to 0, yet keeps its ledger and what it is owed, claimable when it is
/// attested again; only then can it leave the list.
#[tokio::test]
async fn a_revoked_member_weighted_to_zero_gets_nothing_more_and_keeps_what_it_is_owed() {
    use crate::grid_market::{grid, meter};
    use grid_market::state::OwnerKind;

    let (f, g) = &mut grid().await;
    let t = f.actor().await;
    let h = trust(f, &[&t], 1, 0).await;
    let (a, b) = (person(f, UNIT).await, person(f, UNIT).await);
    let ix = h.set_members(weights(&[(&a, 5_000), (&b, 5_000)]), &signers(&[&t]));
    assert_success(f.send(&[ix], &[&t]).await);
    for p in [&a, &b] {
        assert_success(f.send(&[p.keys.join_household(&h)], &[&p.user.key]).await);
    }
    let own = meter(f, g, h.household(), OwnerKind::Household, 10_000).await;
    let o = f.offtaker().await;
    earn(f, g, &h, own, &o, 4_000).await;
    let state: Household = f.account(h.household()).await;
    assert_eq!(
        (state.members[0].owed(), state.members[1].owed()),
        (100_000, 100_000)
    );

    // `a` is sanctioned; the trustees take its weight to 0 (removing it is refused: it is owed).
    let provider = f.provider.insecure_clone();
    let revoke = f.bank.revoke_attestation(provider.pubkey(), a.wallet());
    assert_success(f.send(&[revoke], &[&provider]).await);
    let remove = h.set_members(weights(&[(&b, 10_000)]), &signers(&[&t]));
    assert_error(f.send(&[remove.clone()], &[&t]).await, E::MemberHasBalance);
    let zero = h.set_members(weights(&[(&a, 0), (&b, 10_000)]), &signers(&[&t]));
    assert_success(f.send(&[zero], &[&t]).await);
    earn(f, g, &h, own, &o, 8_000).await;
    let state: Household = f.account(h.household()).await;
    assert_eq!(
        (state.members[0].owed(), state.members[1].owed()),
        (100_000, 300_000),
        "the second round all to b"
    );
    assert_error(
        f.send(&[a.keys.claim_household(&h)], &[&a.user.key]).await,
        central_bank::errors::CentralBankError::AttestationRevoked,
    );

    // Attested again, `a` claims what it was owed; then it can leave.
    let terms = f.terms(2).await;
    let renew = f
        .bank
        .renew_attestation(provider.pubkey(), a.wallet(), terms);
    assert_success(f.send(&[renew], &[&provider]).await);
    let before = f.balance(a.user.currency).await;
    assert_success(f.send(&[a.keys.claim_household(&h)], &[&a.user.key]).await);
    assert_eq!(f.balance(a.user.currency).await - before, 100_000);
    assert_success(f.send(&[remove], &[&t]).await);
    let state: Household = f.account(h.household()).await;
    assert_eq!(
        (state.member_count, state.members[0].wallet),
        (1, b.wallet())
    );
}

/// One epoch of the trust's own meter reaching `cumulative` Wh (4,000 more, at the 50,000
/// floor: 200,000 of income), settled, claimed and distributed.
async fn earn(
    f: &mut Fixture,
    g: &crate::grid_market::Grid,
    h: &HouseholdKeys,
    meter_id: Pubkey,
    offtaker: &User,
    cumulative: u64,
) {
    use crate::grid_market::{next_epoch, open_epoch, HOUR};
    use sourceenergy_sdk::grid_market as gm;
    next_epoch(f, HOUR / 2).await;
    let e = open_epoch(f).await;
    let reading = gm::Reading {
        oracle: g.oracle.pubkey(),
        meter_id,
        owner: h.household(),
        epoch: e,
    };
    let ix = h.record_reading(&reading, g.oracle.pubkey(), None, cumulative);
    assert_success(f.send(&[ix], &[&g.oracle]).await);
    next_epoch(f, 1).await;
    assert_success(f.send(&[gm::close_epoch(e)], &[]).await);
    let ix = gm::settle_epoch(offtaker.pubkey(), offtaker.currency, e, u64::MAX);
    assert_success(f.send(&[ix], &[&offtaker.key]).await);
    assert_success(f.send(&[h.claim_grid_revenue(e)], &[]).await);
    assert_success(f.send(&[h.distribute(None)], &[]).await);
}
