//! The crank as an operator runs it (`crank --every --metrics`, `--dry-run`, JSON logs) and
//! the local node as a tester runs it (a ledger that survives `kill -9`), all through the
//! binary, each from its own folder with the commands' defaults, as a user would.
#![cfg(feature = "localnet")]

use std::{
    io::{BufRead, BufReader, Read, Write},
    net::TcpStream,
    path::{Path, PathBuf},
    process::{Child, Command, Output, Stdio},
    time::{Duration, Instant},
};

use anchor_lang::solana_program::system_instruction;
use base64::Engine;
use serde_json::{json, Value};
use solana_rpc_client::api::request::RpcRequest;
use solana_sdk::{
    pubkey::Pubkey, signature::Keypair, signer::Signer, transaction::Transaction,
    transaction::VersionedTransaction,
};
use sourceenergy::{bootstrap::read_keypair, crank};
use sourceenergy_sdk::{chain::Chain, packer, pda, rpc::RpcChain};

mod common;
use common::{free_port, BIN};

/// A fresh folder for one test.
fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("se-ops-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a test folder");
    dir
}

/// `sourceenergy localnet` run from `dir` (its ledger and payer in `dir/.sourceenergy`), on
/// fixed ports so a restarted node is where clients left it. Killed with SIGKILL when dropped.
struct Node {
    child: Child,
    url: String,
    /// What it printed up to `ready`.
    printed: String,
}

impl Node {
    fn start(dir: &Path, ports: (u16, u16), extra: &[&str]) -> Node {
        let mut child = Command::new(BIN)
            .current_dir(dir)
            .args(["localnet", "--port", &ports.0.to_string()])
            .args(["--ws-port", &ports.1.to_string()])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("localnet starts");
        let mut printed = String::new();
        let lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
        for line in lines {
            let line = line.expect("a line");
            printed.push_str(&line);
            printed.push('\n');
            if line == "ready" {
                break;
            }
        }
        assert!(
            printed.ends_with("ready\n"),
            "localnet did not start:\n{printed}"
        );
        Node {
            child,
            url: format!("http://127.0.0.1:{}", ports.0),
            printed,
        }
    }

    fn kill_9(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        self.kill_9();
    }
}

/// `crank --every SECS --metrics 127.0.0.1:PORT --log-format json` from `dir`, its log lines
/// to `stderr`.
fn crank_service(
    dir: &Path,
    url: &str,
    every: u64,
    port: u16,
    extra: &[&str],
    stderr: Stdio,
) -> Child {
    Command::new(BIN)
        .current_dir(dir)
        .args(["--url", url, "crank", "--every", &every.to_string()])
        .args([
            "--metrics",
            &format!("127.0.0.1:{port}"),
            "--log-format",
            "json",
        ])
        .args(extra)
        .stdout(Stdio::null())
        .stderr(stderr)
        .spawn()
        .expect("the crank service starts")
}

fn sourceenergy(dir: &Path, url: &str, args: &[&str]) -> Output {
    Command::new(BIN)
        .current_dir(dir)
        .args(["--url", url])
        .args(args)
        .output()
        .expect("sourceenergy runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The JSON log lines (`--log-format json`) whose message is `message`.
fn logged(stderr: &str, message: &str) -> Vec<Value> {
    stderr
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .filter(|v| v["message"] == message)
        .collect()
}

/// `GET path` on the crank's metrics listener: status code and body.
fn http_get(port: u16, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("the metrics listener");
    write!(stream, "GET {path} HTTP/1.1\r\nhost: localhost\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response[9..12].parse().expect("a status code");
    let body = response.split("\r\n\r\n").nth(1).unwrap_or("").to_string();
    (status, body)
}

/// A sample's value in a Prometheus text exposition.
fn sample(metrics: &str, name: &str) -> f64 {
    metrics
        .lines()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(' ')?.parse().ok())
        .unwrap_or_else(|| panic!("no {name} in\n{metrics}"))
}

/// Polls `check` every 200 ms for up to `secs`; panics with `what` if it never holds.
fn eventually<T>(secs: u64, what: &str, mut check: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        if let Some(v) = check() {
            return v;
        }
        assert!(Instant::now() < deadline, "{what} within {secs} s");
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// Moves the node's clock `secs` forward (surfpool's time travel) and waits until the
/// programs see it.
async fn travel(chain: &mut RpcChain, secs: i64) {
    let to = chain.now().await.unwrap() + secs;
    chain
        .client
        .send::<Value>(
            RpcRequest::Custom {
                method: "surfnet_timeTravel",
            },
            json!([{ "absoluteTimestamp": to as u64 * 1_000 }]),
        )
        .await
        .expect("time travel");
    for _ in 0..50 {
        if chain.now().await.unwrap() >= to {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the clock did not reach {to}");
}

async fn epoch_secs(chain: &mut RpcChain) -> i64 {
    let market: grid_market::state::Market = chain.read(&pda::market()).await.unwrap().unwrap();
    market.epoch_length_secs as i64
}

/// The compute-unit limit and price a landed transaction carried, and the units it used.
async fn compute_budget_of(chain: &RpcChain, signature: &str) -> (u32, u64, u64) {
    let config = json!({ "encoding": "base64", "commitment": "confirmed",
        "maxSupportedTransactionVersion": 0 });
    let response: Value = chain
        .client
        .send(RpcRequest::GetTransaction, json!([signature, config]))
        .await
        .expect("getTransaction");
    let raw = base64::engine::general_purpose::STANDARD
        .decode(response["transaction"][0].as_str().expect("base64"))
        .unwrap();
    let tx: VersionedTransaction = bincode::deserialize(&raw).unwrap();
    let keys = tx.message.static_account_keys();
    let compute_budget_program = packer::compute_budget(0, 0)[0].program_id;
    let (mut limit, mut price) = (None, None);
    for ix in tx.message.instructions() {
        if keys[ix.program_id_index as usize] != compute_budget_program {
            continue;
        }
        // The compute-budget program's wire format: a tag byte, then the little-endian value.
        match ix.data[0] {
            2 => limit = Some(u32::from_le_bytes(ix.data[1..5].try_into().unwrap())),
            3 => price = Some(u64::from_le_bytes(ix.data[1..9].try_into().unwrap())),
            _ => {}
        }
    }
    // The same answer's meta holds the units the transaction used.
    let used = response["meta"]["computeUnitsConsumed"]
        .as_u64()
        .expect("units consumed");
    (limit.expect("a limit"), price.expect("a price"), used)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crank_service_prices_its_transactions_reports_its_health_and_a_dry_run_sends_nothing() {
    let dir = folder("crank");
    let node = Node::start(&dir, (free_port(), free_port()), &["--economy"]);
    let url = node.url.clone();
    let payer = read_keypair(&dir.join(".sourceenergy/localnet-payer.json")).unwrap();
    let mut chain = RpcChain::new(&url, payer.insecure_clone());

    // Someone paid 5,000 micro-lamports per unit on an account the crank writes (its payer).
    let [limit, price] = packer::compute_budget(10_000, 5_000);
    let pay = system_instruction::transfer(&payer.pubkey(), &Keypair::new().pubkey(), 1_000_000);
    let blockhash = chain.client.get_latest_blockhash().await.unwrap();
    let seed = Transaction::new_signed_with_payer(
        &[limit, price, pay],
        Some(&payer.pubkey()),
        &[&payer],
        blockhash,
    );
    chain
        .client
        .send_and_confirm_transaction(&seed)
        .await
        .unwrap();

    // One pass, as an operator first tries it: every transaction carries the fee the cluster
    // asks (75th percentile: 5,000) capped at 3,000, and the units its simulation used plus
    // the margin, far below the 1.4M maximum.
    let out = sourceenergy(
        &dir,
        &url,
        &[
            "crank",
            "--max-priority-fee",
            "3000",
            "--log-format",
            "json",
        ],
    );
    let stderr = text(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let report: Value = serde_json::from_str(text(&out.stdout).trim()).unwrap();
    let landed = logged(&stderr, "transaction landed");
    let refused = logged(&stderr, "transaction refused");
    assert!(!landed.is_empty(), "{stderr}");
    let logged_count = (landed.len() + refused.len()) as u64;
    assert_eq!(
        report["transactions"].as_u64(),
        Some(logged_count),
        "{stderr}"
    );
    for line in &landed {
        let signature = line["signature"].as_str().unwrap();
        let (limit, price, used) = compute_budget_of(&chain, signature).await;
        assert_eq!(price, 3_000, "{line}");
        assert_eq!(
            u64::from(limit),
            line["compute_unit_limit"].as_u64().unwrap()
        );
        let simulated = line["units_simulated"].as_u64().unwrap();
        assert_eq!(
            u64::from(limit),
            simulated + simulated / 5 + 1_000,
            "{line}"
        );
        assert!(
            used <= u64::from(limit) && limit < 1_400_000,
            "{used} of {limit}"
        );
    }

    // A dry run an epoch later: it would close and open epochs, and sends nothing.
    let epoch = epoch_secs(&mut chain).await;
    travel(&mut chain, epoch).await;
    let behind = crank::epochs_behind(&mut chain).await.unwrap();
    assert!(behind >= 1);
    let balance = chain.client.get_balance(&payer.pubkey()).await.unwrap();
    let out = sourceenergy(&dir, &url, &["crank", "--dry-run", "--log-format", "json"]);
    let stderr = text(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let would = logged(&stderr, "would send");
    assert!(!would.is_empty(), "{stderr}");
    assert!(
        would
            .iter()
            .all(|l| l["signature"] == "" && l["attempts"] == 0),
        "{stderr}"
    );
    let report: Value = serde_json::from_str(text(&out.stdout).trim()).unwrap();
    assert!(report["opened"].as_u64() >= Some(1) && report["closed"].as_u64() >= Some(1));
    assert_eq!(
        chain.client.get_balance(&payer.pubkey()).await.unwrap(),
        balance
    );
    assert_eq!(crank::epochs_behind(&mut chain).await.unwrap(), behind);

    // The service: its first pass catches up, then metrics and health say so.
    let port = free_port();
    let extra = ["--max-priority-fee", "3000", "--low-balance", "0.01"];
    let mut service = crank_service(&dir, &url, 3600, port, &extra, Stdio::null());
    let metrics = eventually(60, "a first pass", || {
        let body = TcpStream::connect(("127.0.0.1", port))
            .ok()
            .map(|_| http_get(port, "/metrics").1)?;
        (sample(&body, "sourceenergy_crank_passes_total{outcome=\"ok\"}") >= 1.0
            && sample(&body, "sourceenergy_crank_epochs_behind") == 0.0)
            .then_some(body)
    });
    assert!(
        sample(
            &metrics,
            "sourceenergy_crank_transactions_total{outcome=\"landed\"}"
        ) >= 1.0
    );
    assert_eq!(
        sample(
            &metrics,
            "sourceenergy_crank_transactions_total{outcome=\"failed\"}"
        ),
        0.0
    );
    assert_eq!(
        sample(&metrics, "sourceenergy_crank_priority_fee_micro_lamports"),
        3_000.0
    );
    assert!(sample(&metrics, "sourceenergy_crank_compute_unit_limit") < 1_400_000.0);
    let lamports = chain.client.get_balance(&payer.pubkey()).await.unwrap();
    let sol = sample(&metrics, "sourceenergy_crank_payer_balance_sol");
    assert_eq!((sol * 1e9).round() as u64, lamports, "{metrics}");
    assert_eq!(http_get(port, "/health"), (200, "ok\n".to_string()));
    assert_eq!(http_get(port, "/nothing").0, 404);

    // Three epochs pass with the service asleep until its next pass: it is unhealthy, and
    // says why, within one observation (5 s).
    travel(&mut chain, 3 * epoch).await;
    let (status, body) = eventually(15, "an unhealthy answer", || {
        let answer = http_get(port, "/health");
        (answer.0 == 503).then_some(answer)
    });
    assert_eq!(status, 503);
    assert!(
        body.contains("epochs behind the clock (more than 1)"),
        "{body}"
    );
    assert_eq!(
        sample(&http_get(port, "/metrics").1, "sourceenergy_crank_healthy"),
        0.0
    );

    // SIGTERM (systemd's stop): a clean exit.
    // SAFETY: signals our own child.
    unsafe { libc::kill(service.id() as i32, libc::SIGTERM) };
    let exit = eventually(20, "the service to stop", || service.try_wait().unwrap());
    assert!(exit.success(), "{exit:?}");

    // A payer with no SOL: exit code 2 and what to do, before anything is sent.
    let empty = dir.join("empty.json");
    sourceenergy::bootstrap::write_keypair(&empty, &Keypair::new()).unwrap();
    let out = sourceenergy(&dir, &url, &["--keypair", empty.to_str().unwrap(), "crank"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("fund it, or pass another with --keypair"));
    drop(node);
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_node_killed_with_kill_9_resumes_its_ledger_and_a_crank_catches_up() {
    let dir = folder("ledger");
    let ports = (free_port(), free_port());
    let mut node = Node::start(&dir, ports, &["--economy"]);
    assert!(
        node.printed.contains("ledger: .sourceenergy/ledger"),
        "{}",
        node.printed
    );
    let url = node.url.clone();
    let payer = read_keypair(&dir.join(".sourceenergy/localnet-payer.json")).unwrap();
    let mut chain = RpcChain::new(&url, payer.insecure_clone());

    // Twenty new wallets, each paid a different amount, then one save interval and a margin.
    let wallets: Vec<_> = (0..20).map(|_| Keypair::new().pubkey()).collect();
    for (i, w) in wallets.iter().enumerate() {
        let pay = system_instruction::transfer(&payer.pubkey(), w, 1_000_000 + i as u64);
        chain.send(&[pay], &[]).await.unwrap();
    }
    let clock = chain.now().await.unwrap();
    let slot = chain.client.get_slot().await.unwrap();

    // An epoch ends; once the ledger holds the wallets and the clock's travel, a crank service
    // starts on it and the node is killed in its first pass.
    let epoch = epoch_secs(&mut chain).await;
    travel(&mut chain, epoch).await;
    let ledger = dir.join(".sourceenergy/ledger");
    eventually(30, "a save with the wallets and the travel", || {
        let saved = sourceenergy_node::ledger::load(&ledger).ok()??;
        let has = |w: &Pubkey, lamports: u64| {
            saved
                .accounts
                .iter()
                .any(|(k, a)| k == w && a.lamports == lamports)
        };
        let paid = wallets
            .iter()
            .enumerate()
            .all(|(i, w)| has(w, 1_000_000 + i as u64));
        (paid && saved.clock.unix_timestamp >= clock + epoch).then_some(())
    });
    let metrics_port = free_port();
    let mut service = crank_service(&dir, &url, 1, metrics_port, &[], Stdio::piped());
    // Its log lines, as they come.
    let (lines, logs) = std::sync::mpsc::channel::<String>();
    let stderr = BufReader::new(service.stderr.take().unwrap());
    std::thread::spawn(move || {
        stderr
            .lines()
            .map_while(Result::ok)
            .try_for_each(|l| lines.send(l))
    });
    let wait_for = |what: &str| {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match logs.recv_timeout(left) {
                Ok(line) if line.contains(what) => return line,
                Ok(_) => {}
                Err(e) => panic!("no log line with {what:?}: {e}"),
            }
        }
    };
    // Killed right after the pass's first transaction landed: the rest of the pass is cut.
    let first = wait_for("transaction landed");
    node.kill_9();
    wait_for("the next pass retries");

    // Restarted on the same ledger and ports: everything saved before the kill is there.
    let node = Node::start(&dir, ports, &["--economy"]);
    assert!(
        node.printed
            .contains("resumed the ledger .sourceenergy/ledger"),
        "{}",
        node.printed
    );
    assert!(
        node.printed.contains("its economy kept"),
        "{}",
        node.printed
    );
    for (i, w) in wallets.iter().enumerate() {
        let lamports = chain.client.get_balance(w).await.unwrap();
        assert_eq!(lamports, 1_000_000 + i as u64, "wallet {i}");
    }
    let now = chain.now().await.unwrap();
    assert!(
        now >= clock + epoch,
        "the clock kept its travel: {now} < {clock} + {epoch}\n{}",
        node.printed
    );
    assert!(
        chain.client.get_slot().await.unwrap() >= slot,
        "the slot did not go back"
    );
    // Transactions go on, and the crank catches up by itself.
    let pay = system_instruction::transfer(&payer.pubkey(), &wallets[0], 5);
    chain.send(&[pay], &[]).await.unwrap();
    eventually(60, "the crank to catch up", || {
        let (_, body) = http_get(metrics_port, "/metrics");
        (sample(&body, "sourceenergy_crank_epochs_behind") == 0.0
            && sample(&body, "sourceenergy_crank_passes_total{outcome=\"ok\"}") >= 1.0)
            .then_some(())
    });
    assert_eq!(http_get(metrics_port, "/health").0, 200);
    assert_eq!(crank::epochs_behind(&mut chain).await.unwrap(), 0);
    assert!(first.contains("\"signature\""), "{first}");
    let _ = service.kill();
    let _ = service.wait();

    // Killed at moments spread over a save interval, it always restarts from a whole ledger.
    drop(node);
    for k in 0..5u64 {
        let mut node = Node::start(&dir, ports, &[]);
        assert!(
            node.printed.contains("resumed the ledger"),
            "{}",
            node.printed
        );
        let pay = system_instruction::transfer(&payer.pubkey(), &wallets[1], 1 + k);
        chain.send(&[pay], &[]).await.unwrap();
        std::thread::sleep(Duration::from_millis(900 + 110 * k));
        node.kill_9();
    }
    let node = Node::start(&dir, ports, &[]);
    assert!(
        node.printed.contains("resumed the ledger"),
        "{}",
        node.printed
    );
    assert!(chain.client.get_balance(&wallets[1]).await.unwrap() >= 1_000_001);

    // A second node on the same ledger is refused; --reset starts fresh.
    let mut second = Command::new(BIN)
        .current_dir(&dir)
        .args(["localnet", "--port", &free_port().to_string()])
        .args(["--ws-port", &free_port().to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let refused = eventually(20, "the second node to exit", || second.try_wait().unwrap());
    let mut stderr = String::new();
    second
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(!refused.success());
    assert!(
        stderr.contains("another localnet is using the ledger"),
        "{stderr}"
    );
    drop(node);
    let node = Node::start(&dir, ports, &["--reset"]);
    assert!(
        node.printed.contains("ledger: .sourceenergy/ledger"),
        "{}",
        node.printed
    );
    assert_eq!(chain.client.get_balance(&wallets[0]).await.unwrap(), 0);
    drop(node);
    let _ = std::fs::remove_dir_all(dir);
}
