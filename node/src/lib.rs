//! `sourceenergy localnet`: a local Solana node on this machine, with no SBF toolchain. It is
//! surfpool (a LiteSVM-based drop-in for `solana-test-validator`) with the six SourceEnergy
//! programs registered on its SVM as the engine's native builtins, and the engine's syscall
//! stubs installed. It runs offline and serves JSON-RPC and websocket; with a ledger folder it
//! saves its accounts, clock and slot there every second and on stop, and resumes from them.

pub mod ledger;

use std::{
    path::PathBuf,
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc,
    },
    thread::JoinHandle,
    time::{Duration, Instant},
};

use anchor_lang::prelude::Pubkey;
use crossbeam_channel::Sender;
use solana_sdk::{account::Account, clock::Clock, sysvar};
use sourceenergy_engine::native;
use surfpool_core::{
    runloops::start_local_surfnet_runloop,
    surfnet::{locker::SurfnetSvmLocker, svm::SurfnetSvm, svm::SurfnetSvmConfig},
};
use surfpool_types::{
    BlockProductionMode, RpcConfig, SimnetCommand, SimnetConfig, SimnetEvent, SurfpoolConfig,
};

/// Where the node listens and whom it funds at start.
#[derive(Clone, Debug)]
pub struct LocalnetConfig {
    pub host: String,
    pub rpc_port: u16,
    pub ws_port: u16,
    /// Wallets given `airdrop_lamports` at start. Surfpool's faucet holds 1,000,000 SOL and
    /// pays each airdrop's fee too, so each must be well below that.
    pub airdrop: Vec<Pubkey>,
    pub airdrop_lamports: u64,
    /// Accounts the node starts with (an economy played on the embedded engine).
    pub accounts: Vec<(Pubkey, Account)>,
    /// Who deployed the programs: their ProgramData accounts name it as upgrade authority, so
    /// it alone can initialise them (`bootstrap` with its keypair). `None`: no ProgramData
    /// accounts, and no initialise succeeds.
    pub upgrade_authority: Option<Pubkey>,
    /// The ledger folder: with a saved state there, the node resumes from it (and `accounts`
    /// are not loaded); while it runs, its state is saved there every `SAVE_EVERY` and on stop.
    /// `None`: nothing is kept.
    pub ledger: Option<PathBuf>,
}

impl Default for LocalnetConfig {
    fn default() -> Self {
        LocalnetConfig {
            host: "127.0.0.1".into(),
            rpc_port: 8899,
            ws_port: 8900,
            airdrop: Vec::new(),
            airdrop_lamports: 10_000 * 1_000_000_000,
            accounts: Vec::new(),
            upgrade_authority: None,
            ledger: None,
        }
    }
}

/// A running node; `stop` (or dropping it) shuts it down.
pub struct Localnet {
    pub rpc_url: String,
    pub ws_url: String,
    /// What it resumed from its ledger, if it did.
    pub resumed: Option<Resumed>,
    commands: Sender<SimnetCommand>,
    runloop: Option<JoinHandle<()>>,
    saver: Option<Saver>,
}

/// The state a node resumed from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resumed {
    pub slot: u64,
    pub unix_timestamp: i64,
    pub accounts: usize,
}

/// How often a node with a ledger saves its state: what a `kill -9` can lose is what changed
/// since the last save, at most this long ago (plus the save under way).
pub const SAVE_EVERY: Duration = Duration::from_secs(1);

/// The thread saving the node's state into its ledger.
struct Saver {
    stop: Arc<AtomicBool>,
    thread: JoinHandle<()>,
}

/// A slot every 600 ms (surfpool's default is 400). A blockhash stays valid for 150 slots,
/// so 90 s instead of 60: time for a person to read and approve a transaction in a wallet.
pub const SLOT_MS: u64 = 600;

/// How long the node may take to become ready.
const READY_TIMEOUT: Duration = Duration::from_secs(60);

impl Localnet {
    /// Starts the node and returns once it serves requests.
    pub fn start(cfg: &LocalnetConfig) -> Result<Self, String> {
        native::install_stubs();
        let simnet = SimnetConfig {
            offline_mode: true,
            remote_rpc_url: None,
            block_production_mode: BlockProductionMode::Clock,
            airdrop_addresses: cfg.airdrop.clone(),
            airdrop_token_amount: cfg.airdrop_lamports,
            instruction_profiling_enabled: false,
            slot_time: SLOT_MS,
            ..Default::default()
        };
        let svm_config = SurfnetSvmConfig {
            surfnet_id: simnet.surfnet_id.clone(),
            slot_time: simnet.slot_time,
            instruction_profiling_enabled: false,
            max_profiles: simnet.max_profiles,
            log_bytes_limit: simnet.log_bytes_limit,
            feature_config: Default::default(),
            skip_blockhash_check: false,
        };
        let config = SurfpoolConfig {
            simnets: vec![simnet],
            rpc: RpcConfig {
                bind_host: cfg.host.clone(),
                bind_port: cfg.rpc_port,
                ws_port: cfg.ws_port,
                ..Default::default()
            },
            ..Default::default()
        };
        let (mut svm, events, geyser) = SurfnetSvm::new(svm_config).map_err(|e| e.to_string())?;
        for (id, builtin) in native::programs() {
            svm.inner.svm.add_builtin(id, builtin);
        }
        // The node's event channel holds 1,024 events and each account written below adds
        // one, so a thread drains it from here on, passing on only whether start succeeded.
        let (started, start_rx) = std::sync::mpsc::channel();
        let stopped = started.clone();
        std::thread::spawn(move || {
            while let Ok(event) = events.recv() {
                let outcome = match event {
                    SimnetEvent::Ready(_) => Ok(()),
                    SimnetEvent::Aborted(why) => Err(format!("localnet aborted: {why}")),
                    _ => continue,
                };
                let _ = started.send(outcome);
            }
        });
        let deployed = cfg
            .upgrade_authority
            .map(|a| native::program_data_accounts(&a))
            .unwrap_or_default();
        let saved = match &cfg.ledger {
            Some(dir) => ledger::load(dir)?,
            None => None,
        };
        let accounts = match &saved {
            Some(state) => &state.accounts,
            None => &cfg.accounts,
        };
        for (key, account) in deployed.iter().chain(accounts) {
            svm.set_account(key, account.clone())
                .map_err(|e| e.to_string())?;
        }
        let (commands, commands_rx) = crossbeam_channel::unbounded();
        let locker = SurfnetSvmLocker::new(svm);
        let saving = locker.clone();
        let tx = commands.clone();
        let runloop = std::thread::spawn(move || {
            let run = start_local_surfnet_runloop(locker, config, tx, commands_rx, geyser);
            if let Err(e) = hiro_system_kit::nestable_block_on(run) {
                // Before it is ready (a port in use, say), this is start's answer.
                let _ = stopped.send(Err(format!("localnet stopped: {e}")));
            }
        });
        start_rx
            .recv_timeout(READY_TIMEOUT)
            .map_err(|_| "localnet did not become ready in 60 s".to_string())??;
        let resumed = match saved {
            None => None,
            Some(state) => {
                // The clock and slot as they were: the run loop sets both from one Clock.
                let (done, done_rx) = crossbeam_channel::bounded(1);
                let _ = commands.send(SimnetCommand::UpdateInternalClockWithConfirmation(
                    None,
                    state.clock.clone(),
                    done,
                ));
                done_rx
                    .recv_timeout(Duration::from_secs(10))
                    .map_err(|_| "localnet did not restore the ledger's clock".to_string())?;
                Some(Resumed {
                    slot: state.clock.slot,
                    unix_timestamp: state.clock.unix_timestamp,
                    accounts: state.accounts.len(),
                })
            }
        };
        let saver = cfg.ledger.clone().map(|dir| Saver::start(dir, saving));
        Ok(Localnet {
            rpc_url: format!("http://{}:{}", cfg.host, cfg.rpc_port),
            ws_url: format!("ws://{}:{}", cfg.host, cfg.ws_port),
            resumed,
            commands,
            runloop: Some(runloop),
            saver,
        })
    }

    /// Asks the run loop to stop and waits for it.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        let _ = self.commands.send(SimnetCommand::Terminate(None));
        if let Some(handle) = self.runloop.take() {
            let _ = handle.join();
        }
        // Last, so the final save holds everything the node did.
        if let Some(saver) = self.saver.take() {
            saver.stop.store(true, Ordering::SeqCst);
            let _ = saver.thread.join();
        }
    }
}

impl Saver {
    /// Saves every `SAVE_EVERY` until stopped, then once more.
    fn start(dir: PathBuf, locker: SurfnetSvmLocker) -> Saver {
        let stop = Arc::new(AtomicBool::new(false));
        let stopping = stop.clone();
        let thread = std::thread::spawn(move || {
            let mut reported = false;
            // The accounts as last written: unchanged ones are not written again (only the
            // clock is), so an idle node does not rewrite megabytes every second.
            let mut written: Option<Vec<(Pubkey, Account)>> = None;
            loop {
                let next = Instant::now() + SAVE_EVERY;
                while Instant::now() < next && !stopping.load(Ordering::SeqCst) {
                    std::thread::sleep(Duration::from_millis(50));
                }
                let last = stopping.load(Ordering::SeqCst);
                let state = capture(&locker);
                let saved = match written.as_ref() == Some(&state.accounts) {
                    true => ledger::save_clock(&dir, &state.clock),
                    false => ledger::save(&dir, &state).map(|()| written = Some(state.accounts)),
                };
                match saved {
                    Ok(()) => reported = false,
                    // Said once per run of failures, not every second.
                    Err(e) if !reported => {
                        eprintln!("localnet: {e}");
                        reported = true;
                    }
                    Err(_) => {}
                }
                if last {
                    return;
                }
            }
        });
        Saver { stop, thread }
    }
}

/// The node's state as a ledger keeps it: the clock, and every account but programs (the node
/// registers them itself at start) and sysvars.
fn capture(locker: &SurfnetSvmLocker) -> ledger::State {
    // A plain thread, not a runtime worker: the lock is taken directly.
    let svm = locker.0.blocking_read();
    let clock: Clock = svm.inner.get_sysvar();
    let mut accounts: Vec<_> = svm
        .get_all_accounts()
        .unwrap_or_default()
        .into_iter()
        .map(|(key, account)| (key, Account::from(account)))
        .filter(|(_, a)| !a.executable && a.owner != sysvar::ID)
        .collect();
    // In address order, so two captures of the same accounts compare equal.
    accounts.sort_unstable_by_key(|(key, _)| *key);
    ledger::State { clock, accounts }
}

impl Drop for Localnet {
    fn drop(&mut self) {
        self.shutdown();
    }
}
