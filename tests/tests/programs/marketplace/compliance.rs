//! Compliance monitoring: every trade needs a valid attestation of the policy's level and
//! stays within the single-trade and rolling 24-hour limits.

use central_bank::{
    errors::CentralBankError as CbE,
    state::{ActionClass, GovernanceAction},
};
use marketplace::{errors::MarketplaceError as E, state::Trader as TraderRecord};
use solana_sdk::signer::Signer;
use sourceenergy_sdk::{marketplace::PoolKeys, pda};
use sourceenergy_tests::*;

/// A pool of 10,000 asset against 10,000 currency (price 1), big enough that trades up to the
/// daily limit do not move it much.
async fn market() -> (Fixture, PoolKeys) {
    let mut f = Fixture::bootstrap().await;
    let keys = f.listed_asset(6, TOKEN).await;
    let maker = f.trader(&keys, 10_000 * UNIT, 10_000 * UNIT).await;
    f.create_pool(&keys, &maker, 10_000 * UNIT, 10_000 * UNIT, 0)
        .await;
    (f, keys)
}

#[tokio::test]
async fn each_compliance_failure_has_its_own_error() {
    let (f, keys) = &mut market().await;
    let t = f.trader(keys, 100 * UNIT, 0).await;
    let buy = keys.swap(&t.holdings, true, UNIT, 0);
    let provider = f.provider.insecure_clone();

    // Level too low: the policy asks for level 3 to trade; the trader holds level 2.
    let mut params = default_policy();
    params.min_kyc_level[ActionClass::Trade as usize] = 3;
    f.enact(GovernanceAction::SetPolicy { params }).await;
    assert_error(
        f.send(&[buy.clone()], &[&t.user.key]).await,
        CbE::KycLevelTooLow,
    );
    f.enact(GovernanceAction::SetPolicy {
        params: default_policy(),
    })
    .await;
    assert_success(f.send(&[buy.clone()], &[&t.user.key]).await);

    // Revoked: blocked at once.
    let revoke = f
        .bank
        .revoke_attestation(provider.pubkey(), t.holdings.owner);
    assert_success(f.send(&[revoke], &[&provider]).await);
    assert_error(
        f.send(&[buy.clone()], &[&t.user.key]).await,
        CbE::AttestationRevoked,
    );

    // Expired: renewed with a short expiry, then the clock passes it.
    let now = f.now().await;
    let terms = central_bank::instructions::AttestationTerms {
        level: 2,
        jurisdiction: *b"DE",
        expires_at: now + 60,
    };
    let renew = f
        .bank
        .renew_attestation(provider.pubkey(), t.holdings.owner, terms);
    assert_success(f.send(&[renew], &[&provider]).await);
    assert_success(f.send(&[buy.clone()], &[&t.user.key]).await);
    f.warp(60).await;
    assert_error(
        f.send(&[buy], &[&t.user.key]).await,
        CbE::AttestationExpired,
    );

    // No attestation at all.
    let stranger = f.actor().await;
    let currency = f.currency_ata(&stranger.pubkey()).await;
    let asset = f.fund_asset(keys, &stranger.pubkey(), 10 * UNIT).await;
    let open = sourceenergy_sdk::marketplace::open_trader(stranger.pubkey());
    assert_success(f.send(&[open], &[&stranger]).await);
    let h = sourceenergy_sdk::marketplace::Holdings {
        owner: stranger.pubkey(),
        asset,
        currency,
    };
    let sell = keys.swap(&h, false, UNIT, 0);
    assert_error(
        f.send(&[sell], &[&stranger]).await,
        CbE::InvalidAttestationAccount,
    );
}

#[tokio::test]
async fn single_trade_and_rolling_daily_limits() {
    let (f, keys) = &mut market().await;
    // Limits: 1,000 a trade, 10,000 a rolling 24 hours (default policy).
    let t = f.trader(keys, 12_000 * UNIT, 0).await;
    let ix = keys.swap(&t.holdings, true, 1_000 * UNIT + 1, 0);
    assert_error(f.send(&[ix], &[&t.user.key]).await, E::TradeLimitExceeded);

    for _ in 0..10 {
        let ix = keys.swap(&t.holdings, true, 1_000 * UNIT, 0);
        assert_success(f.send(&[ix], &[&t.user.key]).await);
        f.warp(3_600).await;
    }
    let record: TraderRecord = f.account(pda::trader(&t.holdings.owner)).await;
    assert_eq!(record.lifetime_volume, 10_000 * UNIT);
    // The first trade is now 10 hours old: still inside the window.
    let ix = keys.swap(&t.holdings, true, UNIT, 0);
    assert_error(
        f.send(&[ix.clone()], &[&t.user.key]).await,
        E::DailyVolumeExceeded,
    );
    // 24 hours after the first trade its volume leaves the window.
    f.warp(14 * 3_600).await;
    let ix = keys.swap(&t.holdings, true, 1_000 * UNIT, 0);
    assert_success(f.send(&[ix], &[&t.user.key]).await);
    let ix = keys.swap(&t.holdings, true, 1_000 * UNIT, 0);
    assert_error(f.send(&[ix], &[&t.user.key]).await, E::DailyVolumeExceeded);
    let now = f.now().await;
    let record: TraderRecord = f.account(pda::trader(&t.holdings.owner)).await;
    assert_eq!(record.rolling_volume(now), 10_000 * UNIT);
}
