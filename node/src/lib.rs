//! `sourceenergy localnet`: a local Solana node on this machine, with no SBF toolchain. It is
//! surfpool (a LiteSVM-based drop-in for `solana-test-validator`) with the six SourceEnergy
//! programs registered on its SVM as the engine's native builtins, and the engine's syscall
//! stubs installed. It runs offline, with no database, and serves JSON-RPC and websocket.

use std::{thread::JoinHandle, time::Duration};

use anchor_lang::prelude::Pubkey;
use crossbeam_channel::Sender;
use solana_sdk::account::Account;
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
        }
    }
}

/// A running node; `stop` (or dropping it) shuts it down.
pub struct Localnet {
    pub rpc_url: String,
    pub ws_url: String,
    commands: Sender<SimnetCommand>,
    runloop: Option<JoinHandle<()>>,
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
        for (key, account) in cfg.accounts.iter().chain(&deployed) {
            svm.set_account(key, account.clone())
                .map_err(|e| e.to_string())?;
        }
        let (commands, commands_rx) = crossbeam_channel::unbounded();
        let locker = SurfnetSvmLocker::new(svm);
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
        Ok(Localnet {
            rpc_url: format!("http://{}:{}", cfg.host, cfg.rpc_port),
            ws_url: format!("ws://{}:{}", cfg.host, cfg.ws_port),
            commands,
            runloop: Some(runloop),
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
    }
}

impl Drop for Localnet {
    fn drop(&mut self) {
        self.shutdown();
    }
}
