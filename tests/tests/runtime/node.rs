//! `sourceenergy localnet`: the JSON-RPC backend against a real node on this machine, serving
//! the six native programs.

use std::net::TcpListener;

use anchor_lang::prelude::Pubkey;
use solana_sdk::{signature::Keypair, signer::Signer};
use sourceenergy::{bootstrap, crank, status::status};
use sourceenergy_node::{Localnet, LocalnetConfig};
use sourceenergy_sdk::{chain::Chain, pda, rpc::RpcChain};

/// Two distinct free ports (both held until both are chosen).
pub(crate) fn free_ports() -> (u16, u16) {
    let bind = || TcpListener::bind("127.0.0.1:0").expect("a free port");
    let (a, b) = (bind(), bind());
    let port = |l: &TcpListener| l.local_addr().expect("bound").port();
    (port(&a), port(&b))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bootstrap_crank_status_and_rpc_reads_over_json_rpc() {
    let (payer, stranger) = (Keypair::new(), Keypair::new());
    let node = start_node(vec![payer.pubkey(), stranger.pubkey()], Vec::new()).await;
    let mut chain = RpcChain::new(&node.rpc_url, payer.insecure_clone());

    // The node's programs were deployed by the payer: a stranger cannot initialise them first,
    // even with a collateral mint of its own that passes every other check.
    let mut theirs = RpcChain::new(&node.rpc_url, stranger.insecure_clone());
    let their_mint = Keypair::new();
    let create = sourceenergy_sdk::tokens::create_mint(
        &stranger.pubkey(),
        &their_mint.pubkey(),
        &stranger.pubkey(),
        6,
        &anchor_spl::token::ID,
    );
    theirs.send(&create, &[&their_mint]).await.unwrap();
    let bank = sourceenergy_sdk::central_bank::CentralBank {
        collateral_mint: their_mint.pubkey(),
        collateral_token_program: anchor_spl::token::ID,
    };
    let args = central_bank::instructions::InitializeArgs {
        council: vec![stranger.pubkey()],
        threshold: 1,
        timelock_secs: 2,
        policy: sourceenergy_sdk::central_bank::default_policy(),
    };
    let grab = bank.initialize(stranger.pubkey(), stranger.pubkey(), args);
    let refused = theirs.send(&[grab], &[]).await.unwrap_err();
    let expected = u32::from(central_bank::errors::CentralBankError::NotUpgradeAuthority);
    assert!(
        matches!(
            &refused,
            sourceenergy_sdk::chain::ChainError::Failed(
                solana_sdk::transaction::TransactionError::InstructionError(
                    _,
                    solana_sdk::instruction::InstructionError::Custom(code)
                )
            ) if *code == expected
        ),
        "{refused}"
    );
    assert!(chain.account(&pda::governance()).await.unwrap().is_none());

    let config =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../migrations/localnet.json");
    let cfg = bootstrap::load_config(&config).unwrap();
    let base = std::env::temp_dir().join(format!("se-localnet-{}", std::process::id()));
    let first = bootstrap::bootstrap(&mut chain, &cfg, &base).await.unwrap();
    // Mint, bank, one provider and six roles by governance, market, carbon registry: the same
    // eleven steps as on the embedded backend.
    assert_eq!(first.done.len(), 11, "{:?}", first.done);
    let second = bootstrap::bootstrap(&mut chain, &cfg, &base).await.unwrap();
    assert!(second.done.is_empty(), "{:?}", second.done);
    let _ = std::fs::remove_dir_all(base);

    // The programs answer over RPC: the market the grid program created is there.
    let market = chain
        .account(&pda::market())
        .await
        .unwrap()
        .expect("market");
    assert_eq!(market.owner, grid_market::ID);
    crank::preflight(&mut chain)
        .await
        .expect("bootstrapped, funded: the crank may run");
    let first = crank::run(&mut chain).await.unwrap();
    assert_eq!(first.opened, 1);
    let again = crank::run(&mut chain).await.unwrap();
    assert_eq!((again.actions(), again.transactions), (0, 0));

    // Moving the clock forward (surfpool's time-travel method): one epoch later the crank
    // closes the first epoch and opens the next.
    let before = chain.now().await.unwrap();
    travel_to(&mut chain, before + 3_700).await;
    let next = crank::run(&mut chain).await.unwrap();
    assert_eq!((next.opened, next.closed), (1, 1), "{next:?}");
    let text = status(&mut chain).await.unwrap();
    assert!(text.contains("current epoch"), "{text}");

    rpc_methods_serve_what_clients_read(&chain).await;
    node.stop();
}

/// A node on free ports that starts with `accounts` and funds `airdrop`; returns once every
/// start airdrop (the node's first transactions) has landed. The first wallet funded deployed
/// the programs (their upgrade authority).
pub(crate) async fn start_node(
    airdrop: Vec<Pubkey>,
    accounts: Vec<(Pubkey, solana_sdk::account::Account)>,
) -> Localnet {
    let (rpc_port, ws_port) = free_ports();
    let node = Localnet::start(&LocalnetConfig {
        rpc_port,
        ws_port,
        airdrop: airdrop.clone(),
        accounts,
        upgrade_authority: airdrop.first().copied(),
        ..Default::default()
    })
    .expect("node starts");
    let mut chain = RpcChain::new(&node.rpc_url, Keypair::new());
    for wallet in &airdrop {
        let mut funded = false;
        for _ in 0..50 {
            let account = chain.account(wallet).await.unwrap();
            if account.is_some_and(|a| a.lamports > 0) {
                funded = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert!(funded, "the start airdrop to {wallet} did not arrive");
    }
    node
}

/// Moves the node's clock to `unix` with surfpool's time-travel method (milliseconds), and
/// waits until the programs see it.
pub(crate) async fn travel_to(chain: &mut RpcChain, unix: i64) {
    chain
        .client
        .send::<serde_json::Value>(
            solana_rpc_client_api::request::RpcRequest::Custom {
                method: "surfnet_timeTravel",
            },
            serde_json::json!([{ "absoluteTimestamp": unix as u64 * 1_000 }]),
        )
        .await
        .expect("time travel");
    for _ in 0..50 {
        if chain.now().await.unwrap() >= unix {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the programs' clock did not reach {unix}");
}

/// What dApps and wallets read over JSON-RPC, on the bootstrapped node.
async fn rpc_methods_serve_what_clients_read(chain: &RpcChain) {
    use anchor_lang::{Discriminator, Space};
    use central_bank::{events::ProposeEvent, state::Role};
    use solana_account_decoder_client_types::UiAccountEncoding;
    use solana_commitment_config::CommitmentConfig;
    use solana_rpc_client_api::{
        config::{RpcAccountInfoConfig, RpcProgramAccountsConfig, RpcTransactionConfig},
        filter::{Memcmp, RpcFilterType},
    };
    use solana_transaction_status_client_types::UiTransactionEncoding;
    use sourceenergy_sdk::events;

    let client = &chain.client;
    // getProgramAccounts with a discriminator (memcmp) and a size filter: the six roles.
    let config = RpcProgramAccountsConfig {
        filters: Some(vec![
            RpcFilterType::DataSize(8 + Role::INIT_SPACE as u64),
            RpcFilterType::Memcmp(Memcmp::new_base58_encoded(0, Role::DISCRIMINATOR)),
        ]),
        account_config: RpcAccountInfoConfig {
            encoding: Some(UiAccountEncoding::Base64),
            ..Default::default()
        },
        ..Default::default()
    };
    let roles = client
        .get_program_ui_accounts_with_config(&central_bank::ID, config)
        .await
        .unwrap();
    assert_eq!(roles.len(), 6);

    // getSignaturesForAddress and getTransaction: the governance account's history, with the
    // log lines that carry Anchor events: seven proposals, decoded.
    let signatures = client
        .get_signatures_for_address(&pda::governance())
        .await
        .unwrap();
    let mut proposals = 0;
    for s in &signatures {
        let tx = client
            .get_transaction_with_config(
                &s.signature.parse().unwrap(),
                RpcTransactionConfig {
                    encoding: Some(UiTransactionEncoding::Base64),
                    commitment: Some(CommitmentConfig::confirmed()),
                    max_supported_transaction_version: Some(0),
                },
            )
            .await
            .unwrap();
        let logs: Option<Vec<String>> = tx.transaction.meta.unwrap().log_messages.into();
        proposals += events::decode::<ProposeEvent>(&logs.unwrap_or_default()).len();
    }
    assert_eq!(proposals, 7);

    // getTokenSupply of the currency; getMinimumBalanceForRentExemption.
    let supply = client
        .get_token_supply(&pda::currency_mint())
        .await
        .unwrap();
    assert_eq!((supply.amount.as_str(), supply.decimals), ("0", 6));
    let rent = client
        .get_minimum_balance_for_rent_exemption(0)
        .await
        .unwrap();
    assert!(rent > 0);

    // simulateTransaction of a second initialize: the error, the logs and the units.
    let bank = sourceenergy_sdk::central_bank::CentralBank {
        collateral_mint: Pubkey::new_unique(),
        collateral_token_program: anchor_spl::token::ID,
    };
    let args = central_bank::instructions::InitializeArgs {
        council: vec![chain.payer().pubkey()],
        threshold: 1,
        timelock_secs: 2,
        policy: sourceenergy_sdk::central_bank::default_policy(),
    };
    let ix = bank.initialize(chain.payer().pubkey(), chain.payer().pubkey(), args);
    let blockhash = client.get_latest_blockhash().await.unwrap();
    assert!(client
        .is_blockhash_valid(&blockhash, CommitmentConfig::confirmed())
        .await
        .unwrap());
    let tx = solana_sdk::transaction::Transaction::new_signed_with_payer(
        &[ix],
        Some(&chain.payer().pubkey()),
        &[chain.payer()],
        blockhash,
    );
    let sim = client.simulate_transaction(&tx).await.unwrap().value;
    assert!(sim.err.is_some());
    assert!(sim.logs.is_some_and(|l| !l.is_empty()));
    assert!(sim.units_consumed.is_some());
    // sendTransaction: the failed preflight comes back as an error, and nothing changes.
    assert!(client.send_transaction(&tx).await.is_err());
}

/// The websocket: a slot stream, and a transfer seen by its signature, its account and its
/// logs, each unsubscribed after.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn websocket_subscriptions_see_slots_and_a_transfer() {
    use futures_util::StreamExt;
    use solana_commitment_config::CommitmentConfig;
    use solana_pubsub_client::nonblocking::pubsub_client::PubsubClient;
    use solana_rpc_client_api::{
        config::{RpcTransactionLogsConfig, RpcTransactionLogsFilter},
        response::{ProcessedSignatureResult, RpcSignatureResult},
    };
    use std::time::Duration;
    use tokio::time::timeout;

    let payer = Keypair::new();
    let node = start_node(vec![payer.pubkey()], Vec::new()).await;
    let ws = PubsubClient::new(node.ws_url.as_str()).await.expect("ws");
    let wait = Duration::from_secs(20);

    let (mut slots, unsubscribe) = ws.slot_subscribe().await.unwrap();
    let first = timeout(wait, slots.next()).await.unwrap().unwrap();
    let second = timeout(wait, slots.next()).await.unwrap().unwrap();
    assert!(second.slot > first.slot, "slots advance with the clock");
    unsubscribe().await;

    let chain = RpcChain::new(&node.rpc_url, payer.insecure_clone());
    let to = Keypair::new().pubkey();
    let (mut account, unsub_account) = ws.account_subscribe(&to, None).await.unwrap();
    let (mut logs, unsub_logs) = ws
        .logs_subscribe(
            RpcTransactionLogsFilter::Mentions(vec![to.to_string()]),
            RpcTransactionLogsConfig {
                commitment: Some(CommitmentConfig::confirmed()),
            },
        )
        .await
        .unwrap();
    // Wait for the start airdrop before paying.
    for _ in 0..50 {
        if chain.client.get_balance(&payer.pubkey()).await.unwrap_or(0) > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let blockhash = chain.client.get_latest_blockhash().await.unwrap();
    let ix =
        anchor_lang::solana_program::system_instruction::transfer(&payer.pubkey(), &to, 5_000_000);
    let tx = solana_sdk::transaction::Transaction::new_signed_with_payer(
        &[ix],
        Some(&payer.pubkey()),
        &[&payer],
        blockhash,
    );
    let signature = chain.client.send_transaction(&tx).await.unwrap();
    let (mut status, unsub_status) = ws.signature_subscribe(&signature, None).await.unwrap();
    let done = timeout(wait, status.next()).await.unwrap().unwrap();
    assert!(
        matches!(
            done.value,
            RpcSignatureResult::ProcessedSignature(ProcessedSignatureResult { err: None })
        ),
        "{done:?}"
    );
    let seen = timeout(wait, account.next()).await.unwrap().unwrap();
    assert_eq!(seen.value.lamports, 5_000_000);
    let logged = timeout(wait, logs.next()).await.unwrap().unwrap();
    assert_eq!(logged.value.signature, signature.to_string());
    for unsub in [unsub_status, unsub_account, unsub_logs] {
        unsub().await;
    }
    node.stop();
}

/// Sends `body` as one raw HTTP POST and returns the response body (for malformed JSON, which
/// no RPC client can produce).
fn raw_post(port: u16, body: &str) -> String {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect");
    write!(
        s,
        "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

/// Bad input gets JSON-RPC errors and the node keeps serving; then 1,000 transfers from four
/// concurrent clients all land, and the balances add up.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_requests_get_errors_and_a_burst_of_1000_transfers_loses_none() {
    use solana_rpc_client_api::request::RpcRequest;
    use std::time::{Duration, Instant};

    let clients: Vec<Keypair> = (0..4).map(|_| Keypair::new()).collect();
    let node = start_node(clients.iter().map(|k| k.pubkey()).collect(), Vec::new()).await;
    let rpc = RpcChain::new(&node.rpc_url, Keypair::new());
    let rpc_port: u16 = node.rpc_url.rsplit(':').next().unwrap().parse().unwrap();

    // Malformed JSON and an unknown method: JSON-RPC errors (-32700 parse, -32601 method).
    let parse = raw_post(rpc_port, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":");
    assert!(parse.contains("-32700"), "{parse}");
    let unknown = rpc
        .client
        .send::<serde_json::Value>(
            RpcRequest::Custom {
                method: "sourceenergyNoSuchMethod",
            },
            serde_json::json!([]),
        )
        .await;
    assert!(unknown.is_err());
    // An unsigned transaction and an oversize one are refused.
    let to = Pubkey::new_unique();
    let ix =
        anchor_lang::solana_program::system_instruction::transfer(&clients[0].pubkey(), &to, 1);
    let mut unsigned = solana_sdk::transaction::Transaction::new_with_payer(
        &[ix.clone()],
        Some(&clients[0].pubkey()),
    );
    unsigned.message.recent_blockhash = rpc.client.get_latest_blockhash().await.unwrap();
    assert!(rpc.client.send_transaction(&unsigned).await.is_err());
    let oversize = vec![ix; 60];
    let big = solana_sdk::transaction::Transaction::new_signed_with_payer(
        &oversize,
        Some(&clients[0].pubkey()),
        &[&clients[0]],
        unsigned.message.recent_blockhash,
    );
    assert!(rpc.client.send_transaction(&big).await.is_err());
    // Still serving.
    assert_eq!(rpc.client.get_health().await.unwrap(), ());

    // 4 clients x 250 transfers to one recipient each, 1,000,000 + i lamports (the first
    // covers the new account's rent).
    let started = Instant::now();
    let mut tasks = Vec::new();
    for k in &clients {
        let (url, key) = (node.rpc_url.clone(), k.insecure_clone());
        tasks.push(tokio::spawn(async move {
            let client = RpcChain::new(&url, key.insecure_clone()).client;
            let to = Pubkey::new_unique();
            let blockhash = client.get_latest_blockhash().await.unwrap();
            let mut signatures = Vec::new();
            for i in 1..=250u64 {
                let ix = anchor_lang::solana_program::system_instruction::transfer(
                    &key.pubkey(),
                    &to,
                    1_000_000 + i,
                );
                let tx = solana_sdk::transaction::Transaction::new_signed_with_payer(
                    &[ix],
                    Some(&key.pubkey()),
                    &[&key],
                    blockhash,
                );
                signatures.push(client.send_transaction(&tx).await.unwrap());
            }
            (client, to, signatures)
        }));
    }
    let mut all = Vec::new();
    for t in tasks {
        all.push(t.await.unwrap());
    }
    let sent = started.elapsed();
    // Every signature confirmed without error, and each recipient holds the sum.
    for (client, to, signatures) in &all {
        for chunk in signatures.chunks(100) {
            let mut confirmed = false;
            for _ in 0..100 {
                let statuses = client.get_signature_statuses(chunk).await.unwrap().value;
                if statuses
                    .iter()
                    .all(|s| s.as_ref().is_some_and(|s| s.err.is_none()))
                {
                    confirmed = true;
                    break;
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            assert!(confirmed, "a transfer was lost");
        }
        assert_eq!(
            client.get_balance(to).await.unwrap(),
            250 * 1_000_000 + 250 * 251 / 2
        );
    }
    eprintln!(
        "localnet burst: 1,000 transfers from 4 clients sent in {:.2} s ({:.0} tx/s)",
        sent.as_secs_f64(),
        1_000.0 / sent.as_secs_f64()
    );
    node.stop();
}

/// A wallet's approval can take a minute: a blockhash fetched before it still lands the
/// transaction 65 s later. Meanwhile an idle websocket client pings as `@solana/kit` does
/// (a JSON `ping` message every 5 s) and as browsers do (ping frames), and its subscription
/// keeps delivering.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_blockhash_lasts_65_s_and_pings_keep_an_idle_socket_open() {
    use futures_util::{SinkExt, StreamExt};
    use std::time::{Duration, Instant};
    use tokio_tungstenite::tungstenite::Message;

    let payer = Keypair::new();
    let node = start_node(vec![payer.pubkey()], Vec::new()).await;
    let chain = RpcChain::new(&node.rpc_url, payer.insecure_clone());
    let blockhash = chain.client.get_latest_blockhash().await.unwrap();
    let signed = solana_sdk::transaction::Transaction::new_signed_with_payer(
        &[anchor_lang::solana_program::system_instruction::transfer(
            &payer.pubkey(),
            &Pubkey::new_unique(),
            1_000_000,
        )],
        Some(&payer.pubkey()),
        &[&payer],
        blockhash,
    );

    let (mut ws, _) = tokio_tungstenite::connect_async(node.ws_url.as_str())
        .await
        .expect("websocket");
    let subscribe = r#"{"jsonrpc":"2.0","id":1,"method":"slotSubscribe"}"#;
    ws.send(Message::text(subscribe)).await.unwrap();
    let started = Instant::now();
    let mut notifications = 0;
    let mut last_ping = Instant::now() - Duration::from_secs(5);
    let mut late = 0;
    while started.elapsed() < Duration::from_secs(65) {
        if last_ping.elapsed() >= Duration::from_secs(5) {
            ws.send(Message::text(r#"{"jsonrpc":"2.0","method":"ping"}"#))
                .await
                .expect("the socket takes a JSON ping");
            ws.send(Message::Ping(vec![1, 2, 3].into()))
                .await
                .expect("the socket takes a ping frame");
            last_ping = Instant::now();
        }
        match tokio::time::timeout(Duration::from_millis(500), ws.next()).await {
            Ok(Some(Ok(Message::Text(text)))) if text.contains("slotNotification") => {
                notifications += 1;
                if started.elapsed() > Duration::from_secs(60) {
                    late += 1;
                }
            }
            Ok(Some(Ok(Message::Close(frame)))) => panic!("the node closed the socket: {frame:?}"),
            Ok(Some(Err(e))) => panic!("websocket error: {e}"),
            Ok(None) => panic!("the socket ended"),
            _ => {}
        }
    }
    assert!(
        notifications > 50,
        "{notifications} slot notifications in 65 s"
    );
    assert!(late > 0, "no notification after a minute of pings");

    let valid = chain
        .client
        .is_blockhash_valid(
            &blockhash,
            solana_commitment_config::CommitmentConfig::processed(),
        )
        .await
        .unwrap();
    assert!(valid, "a 65 s old blockhash is still valid");
    chain
        .client
        .send_and_confirm_transaction(&signed)
        .await
        .expect("the transaction signed 65 s ago lands");
    node.stop();
}

/// A crank that cannot run here says why before it sends anything: a payer without SOL, a
/// cluster where the market was never set up (the node always has the programs; a cluster
/// without them is refused first, by the same check on the program accounts). The bootstrapped
/// node's test above passes it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn crank_preflight_names_what_stops_it() {
    let payer = Keypair::new();
    let node = start_node(vec![payer.pubkey()], Vec::new()).await;
    let mut unfunded = RpcChain::new(&node.rpc_url, Keypair::new());
    let e = crank::preflight(&mut unfunded).await.unwrap_err();
    assert!(
        e.contains("has 0 lamports") && e.contains("--keypair"),
        "{e}"
    );
    let mut funded = RpcChain::new(&node.rpc_url, payer.insecure_clone());
    let e = crank::preflight(&mut funded).await.unwrap_err();
    assert!(
        e.contains("not initialised") && e.contains("bootstrap"),
        "{e}"
    );
}
