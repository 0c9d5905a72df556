//! Reads the dashboard's numbers and claims one member's meter revenue with the Rust SDK over
//! JSON-RPC, watching the grid market's events in the transactions' logs meanwhile.
//! ```sh
//! sourceenergy localnet --economy   # another terminal: node and economy in .sourceenergy/
//! cargo run -p sourceenergy-examples --bin dashboard_and_claim -- .sourceenergy/keys/member-0.json
//! ```
//! Optional 2nd and 3rd arguments: the JSON-RPC and websocket URLs (localnet's by default).
use std::time::Duration;

use anchor_spl::token_2022;
use central_bank::state::Reserve;
use futures_util::StreamExt;
use grid_market::{events::ClaimEvent, state::*};
use solana_commitment_config::CommitmentConfig;
use solana_pubsub_client::nonblocking::pubsub_client::PubsubClient;
use solana_rpc_client_api::config::{RpcTransactionLogsConfig, RpcTransactionLogsFilter};
use solana_sdk::{signature::Keypair, signer::Signer};
use sourceenergy_sdk::{chain::Chain, events, member::MemberKeys, pda, rpc::RpcChain, tokens};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// Currency (and collateral) count in base units of 6 decimals.
fn currency(base_units: u64) -> String {
    format!("{}.{:06}", base_units / 1_000_000, base_units % 1_000_000)
}

/// Grid-market epoch `index` if it is settled: the offtaker paid, its owners may claim.
async fn settled(chain: &mut RpcChain, index: u64) -> Result<Option<Epoch>> {
    let epoch: Option<Epoch> = chain.read(&pda::epoch(index)).await?;
    Ok(epoch.filter(|e| e.status == EpochStatus::Settled))
}

#[tokio::main]
async fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let key_path = args.next().ok_or("usage: dashboard_and_claim KEYPAIR [RPC_URL] [WS_URL]")?;
    let url = args.next().unwrap_or("http://127.0.0.1:8899".into());
    let ws_url = args.next().unwrap_or("ws://127.0.0.1:8900".into());
    // A keypair file is a JSON array of 64 bytes, as the Solana CLI writes it.
    let bytes: Vec<u8> = serde_json::from_str(&std::fs::read_to_string(&key_path)?)?;
    let wallet = Keypair::try_from(&bytes[..])?;
    // The member pays its own fees: `RpcChain` signs every transaction with this payer.
    let mut chain = RpcChain::new(&url, wallet.insecure_clone());

    // 1. The dashboard: the epoch the clock is in, the last settled price, the reserve.
    let market: Market = chain.read(&pda::market()).await?.ok_or("no market here")?;
    let current = market.epoch_at(chain.now().await?);
    println!("epoch: {current}");
    for index in (current.saturating_sub(48)..current).rev() {
        if let Some(epoch) = settled(&mut chain, index).await? {
            let p = epoch.clearing_price; // currency base units per kWh
            println!("clearing price: {p} (epoch {index}, {} currency per kWh)", currency(p));
            break;
        }
    }
    let reserve: Reserve = chain.read(&pda::reserve()).await?.ok_or("no reserve")?;
    println!("reserve collateral: {}", currency(reserve.collateral_held));
    println!("currency issued: {}", currency(reserve.issued_outstanding));

    // 2. Watch the grid market's logs: each `emit!` is a "Program data:" line, decoded by type.
    let ws = PubsubClient::new(&ws_url).await?;
    let filter = RpcTransactionLogsFilter::Mentions(vec![grid_market::ID.to_string()]);
    let config = RpcTransactionLogsConfig { commitment: Some(CommitmentConfig::confirmed()) };
    let (mut logs, unsubscribe) = ws.logs_subscribe(filter, config).await?;

    // 3. Claim the member's revenue of every settled epoch it has not claimed yet.
    let me = wallet.pubkey();
    let account = pda::associated_token(&me, &pda::currency_mint(), &token_2022::ID);
    let keys = MemberKeys { wallet: me, currency: account };
    let contributor: Option<Contributor> = chain.read(&pda::contributor(&keys.member())).await?;
    let mut claims = Vec::new();
    for slot in contributor.iter().flat_map(|c| c.open) {
        let index = slot.epoch_plus_one.wrapping_sub(1); // 0 marks a free slot
        if slot.epoch_plus_one > 0 && !slot.claimed && settled(&mut chain, index).await?.is_some() {
            claims.push(keys.claim_revenue(index));
        }
    }
    let before = tokens::amount(&chain.account(&account).await?.ok_or("no currency")?.data);
    for result in chain.send_packed(claims.clone(), &[]).await? {
        result?; // a failure names its program error: "member NotAttested (11003): ..."
    }
    let after = tokens::amount(&chain.account(&account).await?.ok_or("no currency")?.data);
    println!("claimed epochs: {}", claims.len());
    println!("balance: {} -> {} currency", currency(before), currency(after));

    // 4. The claims' events, as any subscriber (an indexer, a dashboard) would see them.
    let mut seen = 0;
    while seen < claims.len() {
        let wait = tokio::time::timeout(Duration::from_secs(10), logs.next()).await;
        let Ok(Some(update)) = wait else { break };
        for e in events::decode::<ClaimEvent>(&update.value.logs) {
            let paid = currency(e.payout);
            println!("event: ClaimEvent epoch {}: {} Wh paid {paid}", e.index, e.wh);
            seen += 1;
        }
    }
    unsubscribe().await;
    Ok(())
}
