//! `sourceenergy localnet`: the JSON-RPC backend against a real node on this machine, serving
//! the six native programs.

use std::net::TcpListener;

use solana_sdk::{signature::Keypair, signer::Signer};
use sourceenergy::{bootstrap, crank, status::status};
use sourceenergy_node::{Localnet, LocalnetConfig};
use sourceenergy_sdk::{chain::Chain, pda, rpc::RpcChain};

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bootstrap_status_and_crank_run_over_json_rpc() {
    let payer = Keypair::new();
    let node = Localnet::start(&LocalnetConfig {
        rpc_port: free_port(),
        ws_port: free_port(),
        airdrop: vec![payer.pubkey()],
        ..Default::default()
    })
    .expect("node starts");
    let mut chain = RpcChain::new(&node.rpc_url, payer.insecure_clone());
    // The node funds the start airdrops as its first transactions.
    let mut funded = false;
    for _ in 0..50 {
        if chain
            .account(&payer.pubkey())
            .await
            .unwrap()
            .is_some_and(|a| a.lamports > 0)
        {
            funded = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(funded, "the start airdrop arrived");

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
    let first = crank::run(&mut chain).await.unwrap();
    assert_eq!(first.opened, 1);
    let again = crank::run(&mut chain).await.unwrap();
    assert_eq!((again.actions(), again.transactions), (0, 0));
    let text = status(&mut chain).await.unwrap();
    assert!(text.contains("current epoch"), "{text}");
    node.stop();
}
