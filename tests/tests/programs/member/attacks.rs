//! Failing attempts of the security baseline's attack classes on household and member (and the
//! community paths they use).

use anchor_lang::prelude::AccountMeta;
use sourceenergy_tests::*;

use crate::people::*;

#[tokio::test]
async fn attack_classes_on_households_and_members_fail() {
    let f = &mut Fixture::bootstrap().await;
    let c = f.community().await;
    let t = f.actor().await;
    let h = trust(f, &[&t], 1, 0).await;
    let (a, b) = (person(f, 100 * UNIT).await, person(f, 100 * UNIT).await);
    let ix = h.set_members(weights(&[(&a, 10_000)]), &signers(&[&t]));
    assert_success(f.send(&[ix], &[&t]).await);
    for p in [&a, &b] {
        assert_success(f.send(&[p.keys.join_community(&c)], &[&p.user.key]).await);
        assert_success(
            f.send(&[p.keys.invest(&c, 10 * UNIT)], &[&p.user.key])
                .await,
        );
    }

    // Owner: a "household" that the household program does not own.
    let mut ix = a.keys.join_household(&h);
    ix.accounts[2].pubkey = c.community();
    assert_error(
        f.send(&[ix], &[&a.user.key]).await,
        AnchorError::AccountOwnedByWrongProgram,
    );
    // Type cosplay: the community account passed where the community program expects a position.
    let mut ix = a.keys.claim_rewards(&c);
    let position = c.position(&a.keys.member());
    let at = ix
        .accounts
        .iter()
        .position(|m| m.pubkey == position)
        .unwrap();
    ix.accounts[at].pubkey = c.community();
    assert_error(
        f.send(&[ix], &[&a.user.key]).await,
        AnchorError::AccountDiscriminatorMismatch,
    );
    // PDA sharing: b's member account cannot redeem a's position.
    let mut ix = b.keys.divest(&c, UNIT);
    let at = ix
        .accounts
        .iter()
        .position(|m| m.pubkey == c.position(&b.keys.member()))
        .unwrap();
    ix.accounts[at].pubkey = position;
    assert_error(
        f.send(&[ix], &[&b.user.key]).await,
        AnchorError::ConstraintSeeds,
    );
    // Arbitrary CPI: the "community program" must be the real one.
    let mut ix = a.keys.invest(&c, UNIT);
    let at = ix
        .accounts
        .iter()
        .position(|m| m.pubkey == community::ID)
        .unwrap();
    ix.accounts[at] = AccountMeta::new_readonly(grid_market::ID, false);
    assert_error(
        f.send(&[ix], &[&a.user.key]).await,
        AnchorError::InvalidProgramId,
    );
    // Duplicate mutable accounts: the wallet's currency account as the community vault.
    let mut ix = a.keys.invest(&c, UNIT);
    let at = ix
        .accounts
        .iter()
        .position(|m| m.pubkey == c.vault())
        .unwrap();
    ix.accounts[at].pubkey = a.user.currency;
    assert_error(
        f.send(&[ix], &[&a.user.key]).await,
        AnchorError::ConstraintDuplicateMutableAccount,
    );
    // Signer: b's wallet cannot pose as a's member account to take a's distributions.
    let accounts = anchor_lang::ToAccountMetas::to_account_metas(
        &::household::accounts::ClaimDistribution {
            member: b.wallet(),
            trust: ::household::accounts::Trust {
                household: h.household(),
                currency_mint: sourceenergy_sdk::pda::currency_mint(),
                vault: h.vault(),
                token_program: TOKEN,
            },
            destination: b.user.currency,
        },
        None,
    );
    let data = anchor_lang::InstructionData::data(&::household::instruction::ClaimDistribution {
        wallet: a.wallet(),
    });
    let ix = anchor_lang::solana_program::instruction::Instruction {
        program_id: ::household::ID,
        accounts,
        data,
    };
    assert_error(
        f.send(&[ix], &[&b.user.key]).await,
        ::household::errors::HouseholdError::WrongMemberAccount,
    );

    // Nothing moved: positions hold exactly what was invested.
    let fund: community::state::Community = f.account(c.community()).await;
    assert_eq!(fund.liquid, 20 * UNIT);
}
