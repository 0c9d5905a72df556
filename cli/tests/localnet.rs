//! The `sourceenergy` binary as a user runs it: `localnet --economy` in one process, `status`
//! in a second, then Ctrl-C. (This also builds the binary the web app's tests start.)
#![cfg(feature = "localnet")]

use std::{
    io::{BufRead, BufReader},
    net::TcpListener,
    process::{Command, Stdio},
    time::{Duration, Instant},
};

mod common;
use common::{free_port, BIN};

#[test]
fn localnet_economy_serves_status_and_stops_on_ctrl_c() {
    let dir = std::env::temp_dir().join(format!("se-cli-localnet-{}", std::process::id()));
    let (port, ws_port) = (free_port(), free_port());
    let mut node = Command::new(BIN)
        .args(["localnet", "--economy", "--port", &port.to_string()])
        .args(["--ws-port", &ws_port.to_string()])
        .arg("--out")
        .arg(&dir)
        .arg("--payer-out")
        .arg(dir.join("payer.json"))
        .arg("--ledger")
        .arg(dir.join("ledger"))
        .stdout(Stdio::piped())
        .spawn()
        .expect("localnet starts");
    let mut lines = BufReader::new(node.stdout.take().expect("stdout")).lines();
    let mut printed = Vec::new();
    for line in lines.by_ref() {
        let line = line.expect("a line");
        let done = line == "ready";
        printed.push(line);
        if done {
            break;
        }
    }
    let printed = printed.join("\n");
    assert!(printed.ends_with("ready"), "{printed}");
    let url = format!("http://127.0.0.1:{port}");
    assert!(printed.contains(&url), "{printed}");
    assert!(
        printed.contains("16 members, 4 household trusts, 2 communities"),
        "{printed}"
    );
    assert!(dir.join("economy.json").exists());
    assert!(dir.join("keys/kyc-provider.json").exists());

    // No keypair is needed to read.
    let status = Command::new(BIN)
        .args(["--url", &url, "--keypair", "/nonexistent.json", "status"])
        .output()
        .expect("status runs");
    let text = String::from_utf8_lossy(&status.stdout);
    assert!(status.status.success(), "{text}");
    assert!(text.contains("current epoch"), "{text}");
    assert!(text.contains("members: 16"), "{text}");

    // Ctrl-C: a clean exit, and the port is free again.
    // SAFETY: signals our own child.
    unsafe { libc::kill(node.id() as i32, libc::SIGINT) };
    let deadline = Instant::now() + Duration::from_secs(20);
    let exit = loop {
        if let Some(exit) = node.try_wait().expect("wait") {
            break exit;
        }
        assert!(Instant::now() < deadline, "localnet ignored Ctrl-C");
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(exit.success(), "{exit:?}");
    assert!(TcpListener::bind(("127.0.0.1", port)).is_ok());
    let _ = std::fs::remove_dir_all(dir);
}

/// `bench --node` as the README runs it, small: every transfer confirmed over the websocket
/// (the bench itself fails if the recipient's balance is short of any of them), and its
/// numbers printed.
#[test]
fn bench_node_confirms_every_transfer_and_reports_latency() {
    let out = Command::new(BIN)
        .args(["bench", "--node", "--transfers", "200"])
        .args([
            "--node-clients",
            "2",
            "--node-transfers",
            "60",
            "--node-window",
            "16",
        ])
        .output()
        .expect("bench runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("local node: 120 transfers from 2 clients (16 in flight each)"),
        "{text}"
    );
    let p99: f64 = text
        .split("p99 ")
        .nth(1)
        .and_then(|rest| rest.split(" ms").next())
        .and_then(|n| n.parse().ok())
        .expect("a p99");
    assert!(p99 > 0.0, "{text}");
}
