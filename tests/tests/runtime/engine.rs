//! The engine itself: CPIs from native programs really execute, events reach the transaction
//! log, and signatures and blockhashes are checked as on a cluster.

use anchor_lang::{prelude::Pubkey, solana_program::system_instruction};
use community::events::FundEvent;
use solana_sdk::{
    hash::Hash,
    instruction::InstructionError,
    message::Message,
    signature::Signature,
    signer::Signer,
    transaction::{Transaction, TransactionError},
};
use sourceenergy_engine::Checked;
use sourceenergy_sdk::{events, pda};
use sourceenergy_tests::*;

/// If the syscall stubs were missing, central_bank's `mint_to` CPI into Token-2022 would return Ok
/// and do nothing: the supply would not move.
#[tokio::test]
async fn a_cpi_from_a_native_program_mints_real_tokens() {
    let f = &mut Fixture::bootstrap().await;
    let u = f.user(10 * UNIT).await;
    let before = f.supply(pda::currency_mint()).await;
    let ix = f
        .bank
        .mint_currency(u.pubkey(), u.collateral, u.currency, 5 * UNIT, 0);
    let (res, logs) = f.send_logged(&[ix], &[&u.key]).await;
    assert_success(res);
    // 5 currency minted: to the user less the reserve's fee (rounded up), the fee to the
    // reserve's surplus.
    let fee = se_math::fee_ceil(5 * UNIT, default_policy().reserve_tin_bps).unwrap();
    assert!(fee > 0);
    assert_eq!(f.supply(pda::currency_mint()).await - before, 5 * UNIT);
    assert_eq!(f.balance(u.currency).await, 5 * UNIT - fee);
    let token_2022 = format!("Program {} invoke [2]", TOKEN);
    assert!(logs.contains(&token_2022), "{logs:#?}");
}

/// `emit!` in a native program writes `Program data: <base64>` into the transaction's log,
/// and Anchor's event layout decodes it.
#[tokio::test]
async fn an_emitted_event_is_decoded_from_the_transaction_log() {
    let f = &mut Fixture::bootstrap().await;
    let keys = f.community().await;
    let u = f.community_member(&keys, 100 * UNIT).await;
    let ix = keys.deposit(u.pubkey(), u.currency, 50 * UNIT);
    let (res, logs) = f.send_logged(&[ix], &[&u.key]).await;
    assert_success(res);
    let found: Vec<FundEvent> = events::decode(&logs);
    assert_eq!(found.len(), 1, "{logs:#?}");
    let e = &found[0];
    assert_eq!(
        (e.community, e.owner, e.deposit, e.amount, e.shares),
        (
            keys.community(),
            u.pubkey(),
            true,
            50 * UNIT,
            50 * UNIT - 1_000
        )
    );
}

#[tokio::test]
async fn the_engine_refuses_bad_signatures_and_unknown_blockhashes() {
    let f = &mut Fixture::new().await;
    let from = f.actor().await;
    let to = Pubkey::new_unique();
    let ix = system_instruction::transfer(&from.pubkey(), &to, 1_000_000);
    let blockhash = f.engine.latest_blockhash();

    let mut forged = Transaction::new_signed_with_payer(
        &[ix.clone()],
        Some(&from.pubkey()),
        &[&from],
        blockhash,
    );
    forged.signatures[0] = Signature::from([7u8; 64]);
    let err = f.engine.send(forged).unwrap_err().err;
    assert_eq!(err, TransactionError::SignatureFailure);

    let stale = Transaction::new_signed_with_payer(
        &[ix],
        Some(&from.pubkey()),
        &[&from],
        Hash::new_unique(),
    );
    let err = f.engine.send(stale).unwrap_err().err;
    assert_eq!(err, TransactionError::BlockhashNotFound);
    assert!(f.raw_account(to).await.is_none(), "nothing moved");
}

#[tokio::test]
async fn the_engine_refuses_a_repeated_transaction_and_a_key_listed_twice() {
    let f = &mut Fixture::new().await;
    let from = f.actor().await;
    let to = Pubkey::new_unique();
    let ix = system_instruction::transfer(&from.pubkey(), &to, 1_000_000);
    let blockhash = f.engine.latest_blockhash();
    let tx = Transaction::new_signed_with_payer(
        &[ix.clone()],
        Some(&from.pubkey()),
        &[&from],
        blockhash,
    );
    f.engine.send(tx.clone()).expect("first time");
    let err = f.engine.send(tx).unwrap_err().err;
    assert_eq!(err, TransactionError::AlreadyProcessed);
    assert_eq!(
        f.raw_account(to).await.unwrap().lamports,
        1_000_000,
        "moved once"
    );

    // The recipient listed a second time among the message's keys.
    let mut message = Message::new(&[ix], Some(&from.pubkey()));
    let again = message.account_keys[1];
    message.account_keys.push(again);
    message.header.num_readonly_unsigned_accounts += 1;
    let twice = Transaction::new(&[&from], message, blockhash);
    let err = f.engine.send(twice).unwrap_err().err;
    assert_eq!(err, TransactionError::AccountLoadedTwice);
    assert_eq!(f.raw_account(to).await.unwrap().lamports, 1_000_000);
}

/// The simulator signs and checks signatures on a second thread while the engine executes
/// (`Embedded::send_packed`): a checked transaction executes, a forged one does not.
#[tokio::test]
async fn a_transaction_checked_on_another_thread_executes_and_a_forged_one_does_not() {
    let f = &mut Fixture::new().await;
    let from = f.actor().await;
    let to = Pubkey::new_unique();
    let blockhash = f.engine.latest_blockhash();
    let transfer = |lamports| {
        Transaction::new_signed_with_payer(
            &[system_instruction::transfer(&from.pubkey(), &to, lamports)],
            Some(&from.pubkey()),
            &[&from],
            blockhash,
        )
    };
    let good = transfer(2_000_000);
    let mut forged = transfer(3_000_000);
    forged.signatures[0] = Signature::from([9u8; 64]);
    let (good, forged) = std::thread::spawn(move || (Checked::new(good), Checked::new(forged)))
        .join()
        .unwrap();
    let err = f.engine.send_checked(forged).unwrap_err().err;
    assert_eq!(err, TransactionError::SignatureFailure);
    f.engine.send_checked(good).expect("checked and valid");
    assert_eq!(f.raw_account(to).await.unwrap().lamports, 2_000_000);
}

/// The native wrapper keeps the SBF loader's limit of 255 accounts per instruction (a
/// duplicate account names its first occurrence in one byte).
#[tokio::test]
async fn an_instruction_with_256_accounts_fails_with_max_accounts_exceeded() {
    let f = &mut Fixture::new().await;
    let from = f.actor().await;
    let wallet = from.pubkey();
    let many = |n: usize| anchor_lang::solana_program::instruction::Instruction {
        program_id: member::ID,
        accounts: (0..n)
            .map(|_| anchor_lang::solana_program::instruction::AccountMeta::new(wallet, true))
            .collect(),
        data: vec![0; 8],
    };
    let blockhash = f.engine.latest_blockhash();
    let send = |f: &mut Fixture, n| {
        let tx = Transaction::new_signed_with_payer(&[many(n)], Some(&wallet), &[&from], blockhash);
        f.engine.send(tx).unwrap_err().err
    };
    // 255 accounts reach the program, which refuses the unknown instruction; 256 do not.
    assert_eq!(
        send(f, 255),
        TransactionError::InstructionError(0, InstructionError::Custom(101))
    );
    assert_eq!(
        send(f, 256),
        TransactionError::InstructionError(0, InstructionError::MaxAccountsExceeded)
    );
}
