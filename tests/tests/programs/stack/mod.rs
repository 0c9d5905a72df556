//! The household and member programs, and the whole stack: contributions up, distributions down.

mod attacks;
mod credits;
mod divest;
mod identity;
mod leaving;
mod prefund;
mod trust;
mod whole;

use ::household::state::MemberWeight;
use anchor_lang::prelude::Pubkey;
use solana_sdk::{signature::Keypair, signer::Signer};
use sourceenergy_sdk::{household::HouseholdKeys, member::MemberKeys};
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

/// The community and household programs recognise the lower layers by program ID, account type and
/// seed, without importing them; the constants must match the real programs.
#[test]
fn lower_layer_constants_match_the_programs() {
    use anchor_lang::Discriminator;
    use community::seeds as l4;
    assert_eq!(l4::HOUSEHOLD_PROGRAM_ID, ::household::ID);
    assert_eq!(
        l4::HOUSEHOLD_DISCRIMINATOR,
        ::household::state::Household::DISCRIMINATOR
    );
    assert_eq!(l4::MEMBER_PROGRAM_ID, ::member::ID);
    assert_eq!(l4::MEMBER, ::member::seeds::MEMBER);
    assert_eq!(::household::seeds::MEMBER_PROGRAM_ID, ::member::ID);
    assert_eq!(::household::seeds::MEMBER, ::member::seeds::MEMBER);
    assert_eq!(
        l4::MEMBER_DISCRIMINATOR,
        ::member::state::Member::DISCRIMINATOR
    );
    assert_eq!(
        ::household::seeds::MEMBER_DISCRIMINATOR,
        ::member::state::Member::DISCRIMINATOR
    );
    let wallet = Pubkey::new_unique();
    let expected = sourceenergy_sdk::pda::member(&wallet);
    let derive =
        |program: &Pubkey| Pubkey::find_program_address(&[l4::MEMBER, wallet.as_ref()], program).0;
    assert_eq!(derive(&l4::MEMBER_PROGRAM_ID), expected);
    assert_eq!(derive(&::household::seeds::MEMBER_PROGRAM_ID), expected);
}

/// The community and household programs recognise a member account by its owner, type and the
/// address its stored bump derives (no bump search): the real record passes; another program's,
/// another type's, another wallet's, or one storing another bump does not.
#[test]
fn member_accounts_are_recognised_by_their_stored_bump() {
    use anchor_lang::Discriminator;
    let wallet = Pubkey::new_unique();
    let (address, bump) =
        Pubkey::find_program_address(&[b"member", wallet.as_ref()], &::member::ID);
    let record = |discriminator: &[u8], bump: u8| {
        let mut data = discriminator.to_vec();
        data.push(bump);
        data.resize(64, 0);
        data
    };
    let recognised = |key: Pubkey, owner: Pubkey, mut data: Vec<u8>, wallet: &Pubkey| {
        let mut lamports = 1;
        let info = anchor_lang::prelude::AccountInfo::new(
            &key,
            true,
            false,
            &mut lamports,
            &mut data,
            &owner,
            false,
        );
        let by_l4 = community::lower::is_member_account(&info, wallet);
        assert_eq!(by_l4, ::household::seeds::is_member_account(&info, wallet));
        by_l4
    };
    let member = ::member::state::Member::DISCRIMINATOR;
    assert!(recognised(
        address,
        ::member::ID,
        record(member, bump),
        &wallet
    ));
    let foreign = Pubkey::new_unique();
    assert!(!recognised(address, foreign, record(member, bump), &wallet));
    let household = ::household::state::Household::DISCRIMINATOR;
    assert!(!recognised(
        address,
        ::member::ID,
        record(household, bump),
        &wallet
    ));
    let other = Pubkey::new_unique();
    assert!(!recognised(
        address,
        ::member::ID,
        record(member, bump),
        &other
    ));
    let wrong_bump = record(member, bump.wrapping_sub(1));
    assert!(!recognised(address, ::member::ID, wrong_bump, &wallet));
    assert!(!recognised(address, ::member::ID, vec![], &wallet));
}
