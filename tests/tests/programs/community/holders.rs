//! F2 of the second review: a wallet's position moves only while the wallet is attested, and
//! pays only into the wallet's own currency account. A trust's or a member account's position
//! is checked by its own program (the stack tests run those paths).

use central_bank::errors::CentralBankError as CbE;
use community::{
    errors::CommunityError as E,
    state::{Community, Position},
};
use solana_sdk::signer::Signer;
use sourceenergy_tests::*;

/// A revoked wallet's 500 currency stay in the fund: it can neither withdraw nor claim nor
/// tokenize, into its own account or any other. Re-attested, it withdraws into its own.
#[tokio::test]
async fn a_revoked_wallet_cannot_take_its_position_out_until_attested_again() {
    let f = &mut Fixture::bootstrap().await;
    let keys = f.community().await;
    let (holder, other) = (
        f.community_member(&keys, 500 * UNIT).await,
        f.community_member(&keys, 100 * UNIT).await,
    );
    let ix = keys.deposit(holder.pubkey(), holder.currency, 500 * UNIT);
    assert_success(f.send(&[ix], &[&holder.key]).await);
    let tokens = f.ata(&holder.pubkey(), &keys.share_mint(), TOKEN).await;
    let ix = keys.tokenize(holder.pubkey(), tokens, 1);
    assert_success(f.send(&[ix], &[&holder.key]).await);
    let shares = f
        .account::<Position>(keys.position(&holder.pubkey()))
        .await
        .shares;

    // While attested, only into its own account.
    let ix = keys.withdraw(holder.pubkey(), other.currency, 1);
    assert_error(f.send(&[ix], &[&holder.key]).await, E::NotOwnersAccount);

    let provider = f.provider.insecure_clone();
    let revoke = f
        .bank
        .revoke_attestation(provider.pubkey(), holder.pubkey());
    assert_success(f.send(&[revoke], &[&provider]).await);
    let fund_before: Community = f.account(keys.community()).await;
    let cash = f.balance(holder.currency).await;
    for ix in [
        keys.withdraw(holder.pubkey(), holder.currency, shares),
        keys.claim_rewards(holder.pubkey(), holder.currency),
        keys.tokenize(holder.pubkey(), tokens, shares),
        keys.stake(holder.pubkey(), tokens, 1),
    ] {
        assert_error(f.send(&[ix], &[&holder.key]).await, CbE::AttestationRevoked);
    }
    // Leaving the attestation out is refused too.
    let mut ix = keys.withdraw(holder.pubkey(), holder.currency, shares);
    ix.accounts[1].pubkey = community::ID;
    assert_error(f.send(&[ix], &[&holder.key]).await, E::AttestationRequired);
    let fund: Community = f.account(keys.community()).await;
    assert_eq!(fund.liquid, fund_before.liquid);
    assert_eq!(f.balance(holder.currency).await, cash);
    assert_eq!(f.balance(tokens).await, 1);

    // Attested again: the honest path works and pays the position's value.
    let terms = f.terms(2).await;
    let renew = f
        .bank
        .renew_attestation(provider.pubkey(), holder.pubkey(), terms);
    assert_success(f.send(&[renew], &[&provider]).await);
    let ix = keys.withdraw(holder.pubkey(), holder.currency, shares);
    assert_success(f.send(&[ix], &[&holder.key]).await);
    // 500 currency less the 1,000 locked shares and the tokenized one, at one unit a share.
    assert_eq!(f.balance(holder.currency).await, cash + 500 * UNIT - 1_001);
}

/// Share tokens are transferable, but a wallet that was never attested cannot turn them into
/// a position: opening one and staking are refused, so the 200 currency behind them stay out of
/// its reach.
#[tokio::test]
async fn a_never_attested_wallet_cannot_stake_share_tokens_it_received() {
    let f = &mut Fixture::bootstrap().await;
    let keys = f.community().await;
    let holder = f.community_member(&keys, 200 * UNIT).await;
    let ix = keys.deposit(holder.pubkey(), holder.currency, 200 * UNIT);
    assert_success(f.send(&[ix], &[&holder.key]).await);
    let tokens = f.ata(&holder.pubkey(), &keys.share_mint(), TOKEN).await;
    let ix = keys.tokenize(holder.pubkey(), tokens, 150 * UNIT);
    assert_success(f.send(&[ix], &[&holder.key]).await);

    let stranger = f.actor().await;
    let theirs = f.ata(&stranger.pubkey(), &keys.share_mint(), TOKEN).await;
    let give = anchor_spl::token_2022::spl_token_2022::instruction::transfer_checked(
        &TOKEN,
        &tokens,
        &keys.share_mint(),
        &theirs,
        &holder.pubkey(),
        &[],
        100 * UNIT,
        6,
    )
    .unwrap();
    assert_success(f.send(&[give], &[&holder.key]).await);
    assert_error(
        f.send(&[keys.open_position(stranger.pubkey())], &[&stranger])
            .await,
        CbE::InvalidAttestationAccount,
    );
    assert!(f
        .raw_account(keys.position(&stranger.pubkey()))
        .await
        .is_none());
    assert_error(
        f.send(
            &[keys.stake(stranger.pubkey(), theirs, 100 * UNIT)],
            &[&stranger],
        )
        .await,
        AnchorError::AccountNotInitialized,
    );
    assert_eq!(f.balance(theirs).await, 100 * UNIT);

    // The attested holder stakes the rest of its tokens back: the honest path still works.
    let ix = keys.stake(holder.pubkey(), tokens, 50 * UNIT);
    assert_success(f.send(&[ix], &[&holder.key]).await);
    let position: Position = f.account(keys.position(&holder.pubkey())).await;
    assert_eq!(position.shares, 100 * UNIT - 1_000);
}
