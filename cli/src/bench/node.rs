//! `sourceenergy bench --node`: the local node's throughput as clients see it. Clients each
//! with their own JSON-RPC and websocket connection send SOL transfers (`sendTransaction`,
//! preflight skipped as a busy client would) and wait for each one's `confirmed` notification
//! over the websocket, keeping up to a window of transactions in flight.

use std::{
    collections::HashMap,
    time::{Duration, Instant},
};

use futures_util::{FutureExt, StreamExt};
use serde::Serialize;
use solana_commitment_config::CommitmentConfig;
use solana_pubsub_client::nonblocking::pubsub_client::PubsubClient;
use solana_rpc_client::{
    api::{
        config::{RpcSendTransactionConfig, RpcTransactionLogsConfig, RpcTransactionLogsFilter},
        response::RpcLogsResponse,
    },
    nonblocking::rpc_client::RpcClient,
};
use solana_sdk::{pubkey::Pubkey, signature::Keypair, signer::Signer, transaction::Transaction};
use sourceenergy_node::{Localnet, LocalnetConfig, SLOT_MS};

/// What the node sustained.
#[derive(Debug, Clone, Serialize)]
pub struct NodeBench {
    pub clients: usize,
    /// Transactions in flight per client, at most.
    pub window: usize,
    pub transactions: u64,
    pub wall_secs: f64,
    pub tx_per_sec: f64,
    /// From `sendTransaction` to the `confirmed` notification, milliseconds.
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
    pub slot_ms: u64,
}

/// Longer than a blockhash lives: a transfer not confirmed by then never will be.
const CONFIRM_TIMEOUT: Duration = Duration::from_secs(100);

/// A single JSON-RPC or websocket call that takes longer than this has hung.
const CALL_TIMEOUT: Duration = Duration::from_secs(30);

/// A blockhash is valid 150 slots (90 s here); each client takes a fresh one this often.
const BLOCKHASH_EVERY: Duration = Duration::from_secs(20);

/// Starts a node on free ports and runs `clients` clients of `per_client` transfers each.
pub async fn run(clients: usize, per_client: u64, window: usize) -> Result<NodeBench, String> {
    let payers: Vec<Keypair> = (0..clients).map(|_| Keypair::new()).collect();
    // Funded at start like the payers, so a transfer of a few lamports leaves it rent-exempt.
    let recipient = Pubkey::new_unique();
    const FUNDS: u64 = 1_000 * 1_000_000_000;
    let free = || {
        std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .map_err(|e| e.to_string())
    };
    let node = Localnet::start(&LocalnetConfig {
        rpc_port: free()?,
        ws_port: free()?,
        airdrop: payers
            .iter()
            .map(Signer::pubkey)
            .chain([recipient])
            .collect(),
        airdrop_lamports: FUNDS,
        ..Default::default()
    })?;
    let rpc = RpcClient::new_with_commitment(node.rpc_url.clone(), CommitmentConfig::confirmed());
    for wallet in payers.iter().map(Signer::pubkey).chain([recipient]) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while rpc.get_balance(&wallet).await.unwrap_or(0) == 0 {
            if Instant::now() > deadline {
                return Err("the bench's airdrops did not land in 30 s".into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
    let started = Instant::now();
    let tasks: Vec<_> = payers
        .into_iter()
        .map(|payer| {
            let (rpc_url, ws_url) = (node.rpc_url.clone(), node.ws_url.clone());
            tokio::spawn(client(
                rpc_url, ws_url, payer, recipient, per_client, window,
            ))
        })
        .collect();
    let mut latencies = Vec::new();
    for task in tasks {
        latencies.extend(task.await.map_err(|e| e.to_string())??);
    }
    let wall_secs = started.elapsed().as_secs_f64();
    // None lost: the recipient holds every amount sent (1 + i lamports from each client).
    let expected = FUNDS + clients as u64 * per_client * (per_client + 1) / 2;
    let received = rpc
        .get_balance(&recipient)
        .await
        .map_err(|e| e.to_string())?;
    node.stop();
    if received != expected {
        return Err(format!(
            "the recipient holds {received} lamports, not the {expected} sent"
        ));
    }
    latencies.sort_unstable();
    let at = |q: usize| latencies[(latencies.len() * q / 100).min(latencies.len() - 1)];
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let transactions = latencies.len() as u64;
    Ok(NodeBench {
        clients,
        window,
        transactions,
        wall_secs,
        tx_per_sec: transactions as f64 / wall_secs,
        p50_ms: ms(at(50)),
        p99_ms: ms(at(99)),
        max_ms: ms(*latencies.last().unwrap_or(&Duration::ZERO)),
        slot_ms: SLOT_MS,
    })
}

/// One client: `n` transfers of 1, 2, ... lamports (distinct signatures), sent while fewer
/// than `window` wait for their confirmation, which comes from one `logsSubscribe` (mentions
/// of the payer, `confirmed`). Returns each one's latency, from `sendTransaction` to its
/// notification.
///
/// One subscription per client rather than a `signatureSubscribe` per transaction: under load
/// the node now and then stops answering subscription requests on a connection (seen in about
/// one run in three at 64 or 256 in flight), which would stall the measurement.
async fn client(
    rpc_url: String,
    ws_url: String,
    payer: Keypair,
    to: Pubkey,
    n: u64,
    window: usize,
) -> Result<Vec<Duration>, String> {
    let rpc = RpcClient::new_with_commitment(rpc_url, CommitmentConfig::confirmed());
    let pubsub = PubsubClient::new(&ws_url)
        .await
        .map_err(|e| e.to_string())?;
    let filter = RpcTransactionLogsFilter::Mentions(vec![payer.pubkey().to_string()]);
    let config = RpcTransactionLogsConfig {
        commitment: Some(CommitmentConfig::confirmed()),
    };
    let (mut notes, _unsubscribe) =
        tokio::time::timeout(CALL_TIMEOUT, pubsub.logs_subscribe(filter, config))
            .await
            .map_err(|_| "logsSubscribe did not answer".to_string())?
            .map_err(|e| e.to_string())?;
    let send = RpcSendTransactionConfig {
        skip_preflight: true,
        ..RpcSendTransactionConfig::default()
    };
    let mut blockhash = rpc
        .get_latest_blockhash()
        .await
        .map_err(|e| e.to_string())?;
    let mut blockhash_at = Instant::now();
    // Sent and not yet confirmed: signature, when it was sent.
    let mut pending: HashMap<String, Instant> = HashMap::new();
    let mut latencies = Vec::with_capacity(n as usize);
    let mut next = 0;
    while next < n || !pending.is_empty() {
        if next < n && pending.len() < window {
            if blockhash_at.elapsed() > BLOCKHASH_EVERY {
                blockhash = rpc
                    .get_latest_blockhash()
                    .await
                    .map_err(|e| e.to_string())?;
                blockhash_at = Instant::now();
            }
            let ix = anchor_lang::solana_program::system_instruction::transfer(
                &payer.pubkey(),
                &to,
                1 + next,
            );
            let tx = Transaction::new_signed_with_payer(
                &[ix],
                Some(&payer.pubkey()),
                &[&payer],
                blockhash,
            );
            // Recorded before it is sent: its notification may come before the send returns.
            pending.insert(tx.signatures[0].to_string(), Instant::now());
            tokio::time::timeout(CALL_TIMEOUT, rpc.send_transaction_with_config(&tx, send))
                .await
                .map_err(|_| format!("sendTransaction of transfer {next} did not answer"))?
                .map_err(|e| e.to_string())?;
            next += 1;
            // Notifications already here are taken now, so none waits while the window fills.
            while let Some(note) = notes.next().now_or_never() {
                let note = note.ok_or("the node closed the logs subscription")?;
                settle(note.value, &mut pending, &mut latencies)?;
            }
            continue;
        }
        let note = tokio::time::timeout(CONFIRM_TIMEOUT, notes.next())
            .await
            .map_err(|_| {
                format!(
                    "{} transfers had no confirmation in {} s",
                    pending.len(),
                    CONFIRM_TIMEOUT.as_secs()
                )
            })?
            .ok_or("the node closed the logs subscription")?;
        settle(note.value, &mut pending, &mut latencies)?;
    }
    Ok(latencies)
}

/// A confirmation: its transfer's latency, or its failure.
fn settle(
    note: RpcLogsResponse,
    pending: &mut HashMap<String, Instant>,
    latencies: &mut Vec<Duration>,
) -> Result<(), String> {
    // Mentions of the payer it did not send here (its start airdrop) are not counted.
    let Some(sent) = pending.remove(&note.signature) else {
        return Ok(());
    };
    if let Some(err) = note.err {
        return Err(format!("transfer {} failed: {err}", note.signature));
    }
    latencies.push(sent.elapsed());
    Ok(())
}
