//! Flows across the programs: the whole stack (contributions up, distributions down), pre-funded
//! addresses in every program, and the constants by which the community and household programs
//! recognise the programs below them.

mod prefund;
mod whole;

use anchor_lang::prelude::Pubkey;

/// The community and household programs recognise the lower layers by program ID, account type and
/// seed, without importing them; the constants must match the real programs.
#[test]
fn lower_layer_constants_match_the_programs() {
    use anchor_lang::Discriminator;
    use community::seeds as lower;
    assert_eq!(lower::HOUSEHOLD_PROGRAM_ID, ::household::ID);
    assert_eq!(
        lower::HOUSEHOLD_DISCRIMINATOR,
        ::household::state::Household::DISCRIMINATOR
    );
    assert_eq!(lower::MEMBER_PROGRAM_ID, ::member::ID);
    assert_eq!(lower::MEMBER, ::member::seeds::MEMBER);
    assert_eq!(::household::seeds::MEMBER_PROGRAM_ID, ::member::ID);
    assert_eq!(::household::seeds::MEMBER, ::member::seeds::MEMBER);
    assert_eq!(
        lower::MEMBER_DISCRIMINATOR,
        ::member::state::Member::DISCRIMINATOR
    );
    assert_eq!(
        ::household::seeds::MEMBER_DISCRIMINATOR,
        ::member::state::Member::DISCRIMINATOR
    );
    let wallet = Pubkey::new_unique();
    let expected = sourceenergy_sdk::pda::member(&wallet);
    let derive = |program: &Pubkey| {
        Pubkey::find_program_address(&[lower::MEMBER, wallet.as_ref()], program).0
    };
    assert_eq!(derive(&lower::MEMBER_PROGRAM_ID), expected);
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
        let by_community = community::lower::is_member_account(&info, wallet);
        assert_eq!(
            by_community,
            ::household::seeds::is_member_account(&info, wallet)
        );
        by_community
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
