//! Escrowed limit offers: partial fills rounded for the maker, over-fills, expiry, closing.

use central_bank::errors::CentralBankError as CbE;
use marketplace::{errors::MarketplaceError as E, state::Offer};
use solana_sdk::signer::Signer;
use sourceenergy_sdk::{
    marketplace::{OfferKeys, PoolKeys},
    pda,
};
use sourceenergy_tests::*;

const DAY: i64 = 86_400;

/// A maker holding 10 of a listed asset and a taker holding 1,000 currency.
async fn market() -> (Fixture, PoolKeys, Trader, Trader) {
    let mut f = Fixture::bootstrap().await;
    let keys = f.listed_asset(6, TOKEN).await;
    let maker = f.trader(&keys, 0, 10 * UNIT).await;
    let taker = f.trader(&keys, 1_000 * UNIT, 0).await;
    (f, keys, maker, taker)
}

/// The maker's offer `id`: asset for currency.
fn sell_asset(keys: &PoolKeys, maker: &Trader, id: u64) -> OfferKeys {
    OfferKeys {
        maker: maker.holdings.owner,
        id,
        sell_mint: keys.asset_mint,
        sell_token_program: keys.asset_token_program,
        buy_mint: pda::currency_mint(),
        buy_token_program: TOKEN,
    }
}

fn take(
    o: &OfferKeys,
    taker: &Trader,
    maker: &Trader,
    sell: u64,
    max_pay: u64,
) -> solana_sdk::instruction::Instruction {
    o.take(
        taker.holdings.owner,
        taker.holdings.asset,
        taker.holdings.currency,
        maker.holdings.currency,
        sell,
        max_pay,
    )
}

#[tokio::test]
async fn partial_fills_round_in_the_makers_favour() {
    let (f, keys, maker, taker) = &mut market().await;
    let o = sell_asset(keys, maker, 1);
    let expires = f.now().await + DAY;
    // 3 asset for 10 currency: 3.333... currency per asset.
    let ix = o.make(maker.holdings.asset, 3 * UNIT, 10 * UNIT, expires);
    assert_success(f.send(&[ix], &[&maker.user.key]).await);
    assert_eq!(f.balance(o.vault()).await, 3 * UNIT);
    assert_eq!(f.balance(maker.holdings.asset).await, 7 * UNIT);

    // Each third costs ceil(1e6 * 10e6 / 3e6) = 3,333,334.
    let ix = take(&o, taker, maker, UNIT, 3_333_333);
    assert_error(f.send(&[ix], &[&taker.user.key]).await, E::MaxInputExceeded);
    for filled in 1..=3u64 {
        let ix = take(&o, taker, maker, UNIT, 3_333_334);
        assert_success(f.send(&[ix], &[&taker.user.key]).await);
        assert_eq!(f.balance(taker.holdings.asset).await, filled * UNIT);
        assert_eq!(f.balance(maker.holdings.currency).await, filled * 3_333_334);
    }
    let offer: Offer = f.account(o.offer()).await;
    assert_eq!((offer.remaining, offer.received), (0, 10_000_002));
    assert_eq!(
        f.balance(taker.holdings.currency).await,
        1_000 * UNIT - 10_000_002
    );
    assert_eq!(f.balance(o.vault()).await, 0);

    let ix = take(&o, taker, maker, 1, u64::MAX);
    assert_error(f.send(&[ix], &[&taker.user.key]).await, E::OverFill);
}

#[tokio::test]
async fn over_fill_and_expired_fill_are_rejected() {
    let (f, keys, maker, taker) = &mut market().await;
    let o = sell_asset(keys, maker, 7);
    let expires = f.now().await + DAY;
    assert_success(
        f.send(
            &[o.make(maker.holdings.asset, 2 * UNIT, 5 * UNIT, expires)],
            &[&maker.user.key],
        )
        .await,
    );
    let ix = take(&o, taker, maker, 2 * UNIT + 1, u64::MAX);
    assert_error(f.send(&[ix], &[&taker.user.key]).await, E::OverFill);
    let ix = take(&o, taker, maker, 0, u64::MAX);
    assert_error(f.send(&[ix], &[&taker.user.key]).await, E::ZeroAmount);
    f.warp(DAY).await;
    let ix = take(&o, taker, maker, UNIT, u64::MAX);
    assert_error(f.send(&[ix], &[&taker.user.key]).await, E::OfferExpired);
    let offer: Offer = f.account(o.offer()).await;
    assert_eq!(offer.remaining, 2 * UNIT);
    assert_eq!(f.balance(taker.holdings.currency).await, 1_000 * UNIT);
}

#[tokio::test]
async fn closing_returns_the_rest_and_the_rent_to_the_maker() {
    let (f, keys, maker, taker) = &mut market().await;
    let o = sell_asset(keys, maker, 3);
    let expires = f.now().await + DAY;
    assert_success(
        f.send(
            &[o.make(maker.holdings.asset, 4 * UNIT, 8 * UNIT, expires)],
            &[&maker.user.key],
        )
        .await,
    );
    assert_success(
        f.send(
            &[take(&o, taker, maker, UNIT, u64::MAX)],
            &[&taker.user.key],
        )
        .await,
    );

    // Before expiry only the maker may close.
    let ix = o.close(taker.holdings.owner, maker.holdings.asset);
    assert_error(f.send(&[ix], &[&taker.user.key]).await, E::OfferNotClosable);

    let rent = f.raw_account(o.offer()).await.unwrap().lamports
        + f.raw_account(o.vault()).await.unwrap().lamports;
    let lamports = f.raw_account(maker.holdings.owner).await.unwrap().lamports;
    f.warp(DAY).await;
    // After expiry anyone may close; the fixture payer pays the fee, the maker gets it all.
    let ix = o.close(taker.holdings.owner, maker.holdings.asset);
    assert_success(f.send(&[ix], &[&taker.user.key]).await);
    assert_eq!(f.balance(maker.holdings.asset).await, 9 * UNIT);
    assert_eq!(
        f.raw_account(maker.holdings.owner).await.unwrap().lamports,
        lamports + rent
    );
    assert!(f.raw_account(o.offer()).await.is_none());
    assert!(f.raw_account(o.vault()).await.is_none());
}

#[tokio::test]
async fn maker_cancels_any_time_and_can_sell_currency_too() {
    let (f, keys, maker, taker) = &mut market().await;
    let expires = f.now().await + DAY;
    // The taker offers 100 currency for 40 asset; the maker fills half.
    let o = OfferKeys {
        maker: taker.holdings.owner,
        id: 9,
        sell_mint: pda::currency_mint(),
        sell_token_program: TOKEN,
        buy_mint: keys.asset_mint,
        buy_token_program: keys.asset_token_program,
    };
    assert_success(
        f.send(
            &[o.make(taker.holdings.currency, 100 * UNIT, 4 * UNIT, expires)],
            &[&taker.user.key],
        )
        .await,
    );
    let ix = o.take(
        maker.holdings.owner,
        maker.holdings.currency,
        maker.holdings.asset,
        taker.holdings.asset,
        50 * UNIT,
        2 * UNIT,
    );
    assert_success(f.send(&[ix], &[&maker.user.key]).await);
    assert_eq!(f.balance(maker.holdings.currency).await, 50 * UNIT);
    assert_eq!(f.balance(taker.holdings.asset).await, 2 * UNIT);
    assert_success(
        f.send(
            &[o.close(taker.holdings.owner, taker.holdings.currency)],
            &[&taker.user.key],
        )
        .await,
    );
    assert_eq!(f.balance(taker.holdings.currency).await, 950 * UNIT);
    let record: marketplace::state::Trader = f.account(pda::trader(&taker.holdings.owner)).await;
    assert_eq!(
        record.lifetime_volume,
        100 * UNIT,
        "the maker's offer counts in currency"
    );
}

#[tokio::test]
async fn offers_need_a_currency_side_a_listed_asset_and_valid_parties() {
    let (f, keys, maker, taker) = &mut market().await;
    let expires = f.now().await + DAY;
    let other = f.listed_asset(6, TOKEN).await;
    let both_assets = OfferKeys {
        buy_mint: other.asset_mint,
        buy_token_program: TOKEN,
        ..sell_asset(keys, maker, 1)
    };
    let ix = both_assets.make(maker.holdings.asset, UNIT, UNIT, expires);
    assert_error(f.send(&[ix], &[&maker.user.key]).await, E::InvalidOfferPair);
    let both_currency = OfferKeys {
        sell_mint: pda::currency_mint(),
        ..sell_asset(keys, maker, 2)
    };
    let ix = both_currency.make(maker.holdings.currency, UNIT, UNIT, expires);
    assert_error(f.send(&[ix], &[&maker.user.key]).await, E::InvalidOfferPair);
    let ix = sell_asset(keys, maker, 3).make(maker.holdings.asset, UNIT, UNIT, expires + 91 * DAY);
    assert_error(
        f.send(&[ix], &[&maker.user.key]).await,
        E::InvalidOfferExpiry,
    );

    let unlisted_mint = {
        let authority = f.collateral_authority.pubkey();
        f.create_mint(&authority, 6, TOKEN).await
    };
    let unlisted = PoolKeys {
        asset_mint: unlisted_mint,
        asset_token_program: TOKEN,
    };
    let seller = f.trader(&unlisted, 0, UNIT).await;
    let o = OfferKeys {
        maker: seller.holdings.owner,
        sell_mint: unlisted_mint,
        ..sell_asset(keys, maker, 4)
    };
    let ix = o.make(seller.holdings.asset, UNIT, UNIT, expires);
    assert_error(
        f.send(&[ix], &[&seller.user.key]).await,
        CbE::InvalidRoleAccount,
    );

    // A valid offer; payment must go to the maker's own account.
    let o = sell_asset(keys, maker, 5);
    assert_success(
        f.send(
            &[o.make(maker.holdings.asset, UNIT, UNIT, expires)],
            &[&maker.user.key],
        )
        .await,
    );
    let ix = o.take(
        taker.holdings.owner,
        taker.holdings.asset,
        taker.holdings.currency,
        taker.holdings.currency,
        UNIT,
        UNIT,
    );
    assert_error(
        f.send(&[ix], &[&taker.user.key]).await,
        AnchorError::ConstraintDuplicateMutableAccount,
    );
    let thief = f.currency_ata(&f.payer()).await;
    let ix = o.take(
        taker.holdings.owner,
        taker.holdings.asset,
        taker.holdings.currency,
        thief,
        UNIT,
        UNIT,
    );
    assert_error(
        f.send(&[ix], &[&taker.user.key]).await,
        AnchorError::ConstraintTokenOwner,
    );
    // A revoked taker cannot fill.
    let provider = f.provider.insecure_clone();
    let revoke = f
        .bank
        .revoke_attestation(provider.pubkey(), taker.holdings.owner);
    assert_success(f.send(&[revoke], &[&provider]).await);
    assert_error(
        f.send(&[take(&o, taker, maker, UNIT, UNIT)], &[&taker.user.key])
            .await,
        CbE::AttestationRevoked,
    );
    let offer: Offer = f.account(o.offer()).await;
    assert_eq!(offer.remaining, UNIT);
}
