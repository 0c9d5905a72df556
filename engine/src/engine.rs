//! `Engine`: one SVM (LiteSVM) with the six SourceEnergy programs registered as native
//! builtins and the real SPL Token, Token-2022 and Associated Token programs as SBF.
//! Signatures and blockhashes are checked, as on a cluster. The simulator, the test fixture
//! and the embedded `Chain` backend all run on it.

// The results are LiteSVM's own type, passed through as they come (boxing the error would
// add an allocation per failed transaction for no caller's benefit).
#![allow(clippy::result_large_err)]

use std::collections::{HashSet, VecDeque};

use litesvm::{
    types::{FailedTransactionMetadata, TransactionMetadata, TransactionResult},
    LiteSVM,
};
use solana_sdk::{
    account::{Account, AccountSharedData},
    clock::Clock,
    hash::Hash,
    message::{SanitizedMessage, SanitizedVersionedMessage},
    pubkey::Pubkey,
    rent::Rent,
    signature::Signature,
    transaction::{
        SanitizedTransaction, TransactionError, VersionedTransaction, MAX_TX_ACCOUNT_LOCKS,
    },
};

use crate::native;

/// Transactions remembered for duplicate detection and look-ups by signature.
pub const HISTORY: usize = 1_024;

pub struct Engine {
    /// Runs with its own signature check off: the engine checks signatures itself
    /// (`Checked`), so that the check can run on another thread, ahead of execution.
    svm: LiteSVM,
    sigverify: bool,
    recent: Recent,
}

/// The signatures of the last `HISTORY` transactions that landed (executed, fee charged),
/// for duplicate detection.
#[derive(Default)]
struct Recent {
    order: VecDeque<Signature>,
    known: HashSet<Signature>,
}

impl Recent {
    fn contains(&self, signature: &Signature) -> bool {
        self.known.contains(signature)
    }

    fn insert(&mut self, signature: Signature) {
        if self.known.insert(signature) {
            self.order.push_back(signature);
        }
        if self.order.len() > HISTORY {
            if let Some(oldest) = self.order.pop_front() {
                self.known.remove(&oldest);
            }
        }
    }
}

/// A transaction whose signatures have been checked against its message: a cluster's
/// signature stage, which runs ahead of execution and on other cores than it. `new` needs no
/// engine, so a client can check the next transactions on another thread while the engine
/// executes this one (`Embedded::send_packed`); `Engine::send_checked` executes only what
/// passed.
pub struct Checked {
    tx: VersionedTransaction,
    verdict: Result<(), TransactionError>,
}

impl Checked {
    pub fn new(tx: impl Into<VersionedTransaction>) -> Self {
        let tx = tx.into();
        let verdict = if tx.sanitize().is_err() {
            Err(TransactionError::SanitizeFailure)
        } else if !tx.verify_with_results().into_iter().all(|ok| ok) {
            Err(TransactionError::SignatureFailure)
        } else if uses_lookup_tables(&tx) {
            // Its keys are known once the engine loads its tables (`before_execution`).
            Ok(())
        } else {
            account_locks(tx.message.static_account_keys())
        };
        Checked { tx, verdict }
    }
}

fn uses_lookup_tables(tx: &VersionedTransaction) -> bool {
    tx.message
        .address_table_lookups()
        .is_some_and(|lookups| !lookups.is_empty())
}

/// The runtime's account-lock rules: no key twice, at most `MAX_TX_ACCOUNT_LOCKS` keys.
fn account_locks(keys: &[Pubkey]) -> Result<(), TransactionError> {
    let unique: HashSet<&Pubkey> = keys.iter().collect();
    if unique.len() != keys.len() {
        Err(TransactionError::AccountLoadedTwice)
    } else if keys.len() > MAX_TX_ACCOUNT_LOCKS {
        Err(TransactionError::TooManyAccountLocks)
    } else {
        Ok(())
    }
}

impl Default for Engine {
    fn default() -> Self {
        Self::new()
    }
}

impl Engine {
    /// A fresh cluster: sysvars, the SPL programs, and the six programs as builtins.
    pub fn new() -> Self {
        Self::with_sigverify(true)
    }

    /// `new`, with signature verification on or off (the benchmark measures both).
    pub fn with_sigverify(sigverify: bool) -> Self {
        native::install_stubs();
        // Loading and verifying the SBF token programs is the slow part of a new SVM; every
        // engine starts from a clone of one loaded per process.
        static LOADED: std::sync::OnceLock<LiteSVM> = std::sync::OnceLock::new();
        let svm = LOADED
            .get_or_init(|| {
                let mut svm = LiteSVM::new().with_log_bytes_limit(Some(100_000));
                for (id, builtin) in native::programs() {
                    svm.add_builtin(id, builtin);
                }
                svm
            })
            .clone()
            // The engine remembers signatures itself (`recent`): LiteSVM's history keeps a copy
            // of every transaction's metadata and shifts a map on each insert, which cost a
            // fifth of a 10,000-member simulation.
            .with_transaction_history(0)
            .with_sigverify(false);
        // The clock starts at wall time, as a new cluster's does.
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        let mut engine = Engine {
            svm,
            sigverify,
            recent: Recent::default(),
        };
        engine.set_time(now);
        engine
    }

    /// Sets the clock to `unix_timestamp` (a new engine's starts at wall time).
    pub fn set_time(&mut self, unix_timestamp: i64) {
        let mut clock = self.clock();
        clock.unix_timestamp = unix_timestamp;
        clock.epoch_start_timestamp = unix_timestamp;
        self.svm.set_sysvar(&clock);
    }

    /// Executes a signed transaction and commits it if it succeeds.
    pub fn send(&mut self, tx: impl Into<VersionedTransaction>) -> TransactionResult {
        if self.sigverify {
            self.send_checked(Checked::new(tx))
        } else {
            self.svm.send_transaction(tx)
        }
    }

    /// Executes a transaction whose signatures and account locks were checked
    /// (`Checked::new`), after the checks a cluster makes before execution that need its
    /// state: a signature already processed, and the locks of keys from lookup tables. LiteSVM's blockhash check
    /// follows. A refused transaction changes nothing and is not recorded, as LiteSVM's own
    /// signature check does.
    pub fn send_checked(&mut self, checked: Checked) -> TransactionResult {
        let Checked { tx, verdict } = checked;
        if let Err(err) = verdict.and_then(|()| self.before_execution(&tx)) {
            return Err(FailedTransactionMetadata {
                err,
                meta: TransactionMetadata::default(),
            });
        }
        let result = self.svm.send_transaction(tx);
        // LiteSVM gives the signature of a transaction it executed, success or failure; one
        // refused before execution (an unknown blockhash) did not land and has the default.
        let signature = match &result {
            Ok(meta) => meta.signature,
            Err(failed) => failed.meta.signature,
        };
        if signature != Signature::default() {
            self.recent.insert(signature);
        }
        result
    }

    fn before_execution(&self, tx: &VersionedTransaction) -> Result<(), TransactionError> {
        if uses_lookup_tables(tx) {
            let message = SanitizedVersionedMessage::try_new(tx.message.clone())
                .map_err(|_| TransactionError::SanitizeFailure)?;
            let message =
                SanitizedMessage::try_new(message, self.svm.accounts_db(), &HashSet::new())?;
            SanitizedTransaction::validate_account_locks(&message, MAX_TX_ACCOUNT_LOCKS)?;
        }
        if tx
            .signatures
            .first()
            .is_some_and(|s| self.recent.contains(s))
        {
            return Err(TransactionError::AlreadyProcessed);
        }
        Ok(())
    }

    pub fn latest_blockhash(&self) -> Hash {
        self.svm.latest_blockhash()
    }

    pub fn account(&self, key: &Pubkey) -> Option<Account> {
        self.svm.get_account(key).filter(|a| a.lamports > 0)
    }

    /// Writes an account as is (test setup: a mint at a fixed address, for instance).
    pub fn set_account(&mut self, key: Pubkey, account: Account) {
        self.svm
            .set_account(key, account)
            .expect("account accepted");
    }

    /// Deploys the six programs as `authority`: their ProgramData accounts name it as upgrade
    /// authority (`native::program_data_accounts`), so only it can run their one-time
    /// initialise instructions, as on a cluster.
    pub fn set_upgrade_authority(&mut self, authority: &Pubkey) {
        for (address, account) in native::program_data_accounts(authority) {
            self.set_account(address, account);
        }
    }

    /// Lamports from the engine's faucet.
    pub fn airdrop(&mut self, to: &Pubkey, lamports: u64) -> TransactionResult {
        self.svm.airdrop(to, lamports)
    }

    pub fn rent(&self) -> Rent {
        self.svm.get_sysvar()
    }

    pub fn clock(&self) -> Clock {
        self.svm.get_sysvar()
    }

    /// Moves the clock `secs` forward and the slot by one.
    pub fn warp(&mut self, secs: i64) {
        let mut clock = self.clock();
        clock.unix_timestamp += secs;
        clock.slot += 1;
        self.svm.set_sysvar(&clock);
    }

    /// Every account a transaction made or changed: wallets, mints, token accounts and program
    /// state, without programs, sysvars or the engine's own faucet. Sorted by address.
    pub fn user_accounts(&self) -> Vec<(Pubkey, Account)> {
        use solana_sdk::account::ReadableAccount;
        let faucet = self.svm.airdrop_pubkey();
        let mut found: Vec<(Pubkey, Account)> = self
            .svm
            .accounts_db()
            .inner
            .iter()
            .filter(|(k, a)| {
                a.lamports() > 0
                    && !a.executable()
                    && *a.owner() != solana_sdk::sysvar::ID
                    && *a.owner() != solana_sdk::native_loader::ID
                    && **k != faucet
            })
            .map(|(k, a)| (*k, Account::from(AccountSharedData::clone(a))))
            .collect();
        found.sort_by_key(|(k, _)| *k);
        found
    }

    /// Accounts owned by `owner` whose data starts with `prefix` (an Anchor discriminator),
    /// read from the engine's own account store.
    pub fn accounts_by_owner(&self, owner: &Pubkey, prefix: &[u8]) -> Vec<(Pubkey, Account)> {
        let mut found: Vec<(Pubkey, Account)> = self
            .svm
            .accounts_db()
            .inner
            .iter()
            .filter(|(_, a)| {
                use solana_sdk::account::ReadableAccount;
                a.owner() == owner && a.lamports() > 0 && a.data().starts_with(prefix)
            })
            .map(|(k, a)| (*k, Account::from(AccountSharedData::clone(a))))
            .collect();
        // A stable order, whatever the map's.
        found.sort_by_key(|(k, _)| *k);
        found
    }
}
