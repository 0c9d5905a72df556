//! The community program, and the helpers its tests share.

mod booking;
mod fund;
mod holders;
mod outflows;
mod projects;

use anchor_lang::prelude::Pubkey;
use central_bank::state::{GovernanceAction, RoleKind};
use solana_sdk::{signature::Keypair, signer::Signer};
use sourceenergy_sdk::community::CommunityKeys;
use sourceenergy_tests::*;

/// A community (5% fee) whose manager holds the central bank's community-registrar role.
pub async fn community(f: &mut Fixture) -> CommunityKeys {
    managed_community(f).await.0
}

/// `community`, with its manager.
pub async fn managed_community(f: &mut Fixture) -> (CommunityKeys, Keypair) {
    let manager = f.actor().await;
    f.enact(GovernanceAction::GrantRole {
        role: RoleKind::CommunityRegistrar,
        subject: manager.pubkey(),
    })
    .await;
    let keys = CommunityKeys {
        id: Pubkey::new_unique(),
    };
    assert_success(
        f.send(&[keys.create(manager.pubkey(), 500)], &[&manager])
            .await,
    );
    (keys, manager)
}

/// An attested member holding `currency`, with a position in the community.
pub async fn member(f: &mut Fixture, keys: &CommunityKeys, currency: u64) -> User {
    let u = f.user(2 * currency).await;
    let gross = currency + currency / 500 + 1;
    assert_success(
        f.send(
            &[f.bank
                .mint_currency(u.pubkey(), u.collateral, u.currency, gross, currency)],
            &[&u.key],
        )
        .await,
    );
    assert_success(f.send(&[keys.open_position(u.pubkey())], &[&u.key]).await);
    u
}

/// An offtaker (central bank role) holding 100 currency.
pub async fn offtaker(f: &mut Fixture) -> User {
    let u = f.user(200 * UNIT).await;
    assert_success(f.mint_currency(&u, 101 * UNIT).await);
    f.enact(GovernanceAction::GrantRole {
        role: RoleKind::GridOfftaker,
        subject: u.pubkey(),
    })
    .await;
    u
}
