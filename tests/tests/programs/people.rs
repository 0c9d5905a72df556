//! People and household trusts the household, member and cross-program tests share, with the
//! names those tests use throughout (`use crate::people::*`).

pub use ::household::state::MemberWeight;
pub use anchor_lang::prelude::Pubkey;
pub use solana_sdk::{signature::Keypair, signer::Signer};
pub use sourceenergy_sdk::{household::HouseholdKeys, member::MemberKeys};
use sourceenergy_tests::*;

/// An attested wallet holding `currency`, with its member account.
pub struct Person {
    pub user: User,
    pub keys: MemberKeys,
}

impl Person {
    pub fn wallet(&self) -> Pubkey {
        self.user.pubkey()
    }
}

pub async fn person(f: &mut Fixture, currency: u64) -> Person {
    let user = f.user(2 * currency + UNIT).await;
    let gross = currency + currency / 500 + 1;
    let ix = f.bank.mint_currency(
        user.pubkey(),
        user.collateral,
        user.currency,
        gross,
        currency,
    );
    assert_success(f.send(&[ix], &[&user.key]).await);
    let keys = MemberKeys {
        wallet: user.pubkey(),
        currency: user.currency,
    };
    assert_success(f.send(&[keys.create()], &[&user.key]).await);
    Person { user, keys }
}

/// A household trust with `trustees` and `threshold`, reinvesting `reinvest_bps`.
pub async fn trust(
    f: &mut Fixture,
    trustees: &[&Keypair],
    threshold: u8,
    reinvest_bps: u16,
) -> HouseholdKeys {
    let keys = HouseholdKeys {
        id: Pubkey::new_unique(),
    };
    let list = trustees.iter().map(|t| t.pubkey()).collect();
    let ix = keys.create(f.payer(), list, threshold, reinvest_bps);
    assert_success(f.send(&[ix], &[]).await);
    keys
}

pub fn weights(list: &[(&Person, u16)]) -> Vec<MemberWeight> {
    list.iter()
        .map(|(p, w)| MemberWeight {
            wallet: p.wallet(),
            weight_bps: *w,
        })
        .collect()
}

pub fn signers(keys: &[&Keypair]) -> Vec<Pubkey> {
    keys.iter().map(|k| k.pubkey()).collect()
}
