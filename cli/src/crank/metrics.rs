//! What a crank running as a service shows its operator (`crank --every N --metrics ADDR`):
//! Prometheus metrics at `GET /metrics` and a health answer at `GET /health` (200 `ok`, or
//! 503 with the reasons), served by a few lines over a TCP listener (two read-only paths do
//! not need a web framework).

use std::{
    fmt::Write as _,
    sync::{Arc, Mutex},
};

use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::{TcpListener, TcpStream},
};

/// The crank's counters and its last observation of the cluster.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Metrics {
    pub passes_ok: u64,
    pub passes_failed: u64,
    /// Transactions that landed, and those refused (by their simulation or on chain).
    pub transactions_landed: u64,
    pub transactions_failed: u64,
    /// Retries of transactions whose send did not reach the node.
    pub retries: u64,
    /// At the last observation; `None` before the first or when the node did not answer.
    pub epochs_behind: Option<u64>,
    pub payer_lamports: Option<u64>,
    /// Unix seconds (this machine's clock) of the last pass that finished.
    pub last_success_unix: Option<u64>,
    /// What the last transaction sent carried.
    pub priority_fee: u64,
    pub compute_unit_limit: u32,
}

/// When the crank counts as unhealthy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Thresholds {
    /// More epochs behind the clock than this (a pass may be due: one is normal).
    pub max_epochs_behind: u64,
    /// A payer holding fewer lamports than this.
    pub min_payer_lamports: u64,
}

/// Metrics shared between the crank loop and the HTTP listener.
pub type Shared = Arc<Mutex<Metrics>>;

impl Metrics {
    /// `Ok` when healthy, else every reason it is not.
    pub fn health(&self, t: &Thresholds) -> Result<(), Vec<String>> {
        let mut why = Vec::new();
        match self.epochs_behind {
            None => why.push("the cluster has not been read yet, or did not answer".to_string()),
            Some(n) if n > t.max_epochs_behind => why.push(format!(
                "{n} epochs behind the clock (more than {})",
                t.max_epochs_behind
            )),
            Some(_) => {}
        }
        if let Some(lamports) = self.payer_lamports {
            if lamports < t.min_payer_lamports {
                why.push(format!(
                    "payer holds {} SOL, under {} SOL",
                    sol(lamports),
                    sol(t.min_payer_lamports)
                ));
            }
        }
        if why.is_empty() {
            Ok(())
        } else {
            Err(why)
        }
    }

    /// The Prometheus text exposition (version 0.0.4).
    pub fn prometheus(&self, t: &Thresholds) -> String {
        let mut out = String::new();
        let mut metric = |name: &str, kind: &str, help: &str, samples: &[(&str, String)]| {
            let _ = writeln!(out, "# HELP sourceenergy_crank_{name} {help}");
            let _ = writeln!(out, "# TYPE sourceenergy_crank_{name} {kind}");
            for (labels, value) in samples {
                let _ = writeln!(out, "sourceenergy_crank_{name}{labels} {value}");
            }
        };
        metric(
            "passes_total",
            "counter",
            "Crank passes, by outcome.",
            &[
                ("{outcome=\"ok\"}", self.passes_ok.to_string()),
                ("{outcome=\"failed\"}", self.passes_failed.to_string()),
            ],
        );
        metric(
            "transactions_total",
            "counter",
            "Transactions, by outcome (failed: refused by their simulation or on chain).",
            &[
                ("{outcome=\"landed\"}", self.transactions_landed.to_string()),
                ("{outcome=\"failed\"}", self.transactions_failed.to_string()),
            ],
        );
        metric(
            "retries_total",
            "counter",
            "Sends retried with a fresh blockhash after a transport failure.",
            &[("", self.retries.to_string())],
        );
        let gauge = |v: Option<u64>| v.map_or("NaN".to_string(), |v| v.to_string());
        metric(
            "epochs_behind",
            "gauge",
            "Epochs between the cluster's clock and the crank's work (NaN: not read).",
            &[("", gauge(self.epochs_behind))],
        );
        metric(
            "last_success_timestamp_seconds",
            "gauge",
            "Unix time of the last pass that finished (NaN: none yet).",
            &[("", gauge(self.last_success_unix))],
        );
        metric(
            "payer_balance_sol",
            "gauge",
            "The fee payer's balance in SOL (NaN: not read).",
            &[("", self.payer_lamports.map_or("NaN".into(), sol))],
        );
        metric(
            "priority_fee_micro_lamports",
            "gauge",
            "Priority fee of the last transaction, micro-lamports per compute unit.",
            &[("", self.priority_fee.to_string())],
        );
        metric(
            "compute_unit_limit",
            "gauge",
            "Compute-unit limit of the last transaction.",
            &[("", self.compute_unit_limit.to_string())],
        );
        metric(
            "healthy",
            "gauge",
            "1 when /health answers ok.",
            &[("", u8::from(self.health(t).is_ok()).to_string())],
        );
        out
    }
}

/// Lamports as SOL with nine decimals, without floating point.
pub fn sol(lamports: u64) -> String {
    format!(
        "{}.{:09}",
        lamports / 1_000_000_000,
        lamports % 1_000_000_000
    )
}

/// Answers `GET /metrics` and `GET /health` on `listener` until the process ends.
pub async fn serve(listener: TcpListener, metrics: Shared, thresholds: Thresholds) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let metrics = metrics.clone();
        tokio::spawn(async move {
            let _ = answer(stream, &metrics, &thresholds).await;
        });
    }
}

async fn answer(mut stream: TcpStream, metrics: &Shared, t: &Thresholds) -> std::io::Result<()> {
    // The request line is all that is read: both paths take no body.
    let mut buf = vec![0u8; 4096];
    let mut len = 0;
    while len < buf.len() {
        let n = stream.read(&mut buf[len..]).await?;
        len += n;
        if n == 0 || buf[..len].windows(4).any(|w| w == b"\r\n\r\n") {
            break;
        }
    }
    let request = String::from_utf8_lossy(&buf[..len]);
    let mut words = request.split_whitespace();
    let (method, path) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
    let snapshot = metrics.lock().expect("metrics lock").clone();
    let (status, content_type, body) = match (method, path) {
        ("GET", "/metrics") => (
            "200 OK",
            "text/plain; version=0.0.4",
            snapshot.prometheus(t),
        ),
        ("GET", "/health") => match snapshot.health(t) {
            Ok(()) => ("200 OK", "text/plain", "ok\n".to_string()),
            Err(why) => (
                "503 Service Unavailable",
                "text/plain",
                format!("unhealthy: {}\n", why.join("; ")),
            ),
        },
        ("GET", _) => (
            "404 Not Found",
            "text/plain",
            "GET /metrics or /health\n".into(),
        ),
        _ => ("405 Method Not Allowed", "text/plain", "GET only\n".into()),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(body.as_bytes()).await?;
    stream.shutdown().await
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: Thresholds = Thresholds {
        max_epochs_behind: 1,
        min_payer_lamports: 100_000_000,
    };

    #[test]
    fn health_names_every_reason() {
        let mut m = Metrics::default();
        assert_eq!(m.health(&T).unwrap_err().len(), 1, "not read yet");
        m.epochs_behind = Some(1);
        m.payer_lamports = Some(100_000_000);
        assert_eq!(m.health(&T), Ok(()));
        m.epochs_behind = Some(3);
        m.payer_lamports = Some(99_999_999);
        assert_eq!(
            m.health(&T).unwrap_err(),
            vec![
                "3 epochs behind the clock (more than 1)".to_string(),
                "payer holds 0.099999999 SOL, under 0.100000000 SOL".to_string(),
            ]
        );
    }

    #[test]
    fn exposition_has_each_metric_once_with_its_value() {
        let m = Metrics {
            passes_ok: 7,
            passes_failed: 2,
            transactions_landed: 11,
            transactions_failed: 1,
            retries: 3,
            epochs_behind: Some(0),
            payer_lamports: Some(1_500_000_000),
            last_success_unix: Some(1_700_000_000),
            priority_fee: 2_500,
            compute_unit_limit: 4_321,
        };
        let text = m.prometheus(&T);
        for line in [
            "sourceenergy_crank_passes_total{outcome=\"ok\"} 7",
            "sourceenergy_crank_passes_total{outcome=\"failed\"} 2",
            "sourceenergy_crank_transactions_total{outcome=\"landed\"} 11",
            "sourceenergy_crank_transactions_total{outcome=\"failed\"} 1",
            "sourceenergy_crank_retries_total 3",
            "sourceenergy_crank_epochs_behind 0",
            "sourceenergy_crank_last_success_timestamp_seconds 1700000000",
            "sourceenergy_crank_payer_balance_sol 1.500000000",
            "sourceenergy_crank_priority_fee_micro_lamports 2500",
            "sourceenergy_crank_compute_unit_limit 4321",
            "sourceenergy_crank_healthy 1",
        ] {
            assert_eq!(
                text.lines().filter(|l| *l == line).count(),
                1,
                "{line} in\n{text}"
            );
        }
        assert_eq!(text.lines().filter(|l| l.starts_with("# TYPE")).count(), 9);
    }
}
