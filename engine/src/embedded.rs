//! The embedded `Chain` backend: the CLI's commands and the simulator running against an
//! in-process `Engine`, with a clock the caller can move.

use anchor_lang::prelude::Pubkey;
use solana_compute_budget_interface::ComputeBudgetInstruction;
use solana_instruction::Instruction;
use solana_sdk::{
    account::Account, hash::Hash, signature::Keypair, signer::Signer, transaction::Transaction,
};
use sourceenergy_sdk::{
    chain::{Chain, ChainError, ChainResult},
    packer::{self, COMPUTE_UNIT_LIMIT},
};

use crate::{engine::Checked, Engine};

/// Transactions signed and checked ahead of the one executing (`send_packed`).
const AHEAD: usize = 64;

/// SOL the embedded payer starts with.
const PAYER_SOL: u64 = 500_000;

/// A transaction as the embedded backend and the test fixture submit it: paid by `payer`,
/// led by a compute-budget instruction whose limit varies with `nonce`, so a repeated
/// instruction list is still a new transaction (the engine refuses a repeated signature).
pub fn signed_transaction(
    payer: &Keypair,
    blockhash: Hash,
    nonce: u32,
    ixs: &[Instruction],
    signers: &[&Keypair],
) -> Transaction {
    let limit = COMPUTE_UNIT_LIMIT - nonce % 100_000;
    let mut all = vec![ComputeBudgetInstruction::set_compute_unit_limit(limit)];
    all.extend_from_slice(ixs);
    let mut keys: Vec<&Keypair> = vec![payer];
    keys.extend_from_slice(signers);
    Transaction::new_signed_with_payer(&all, Some(&payer.pubkey()), &keys, blockhash)
}

/// Counts a result in `sent` and `failed` and turns it into the `Chain`'s, with the log.
fn tally(
    result: litesvm::types::TransactionResult,
    sent: &mut u64,
    failed: &mut u64,
) -> (ChainResult<()>, Vec<String>) {
    *sent += 1;
    match result {
        Ok(meta) => (Ok(()), meta.logs),
        Err(refused) => {
            *failed += 1;
            (Err(ChainError::Failed(refused.err)), refused.meta.logs)
        }
    }
}

pub struct Embedded {
    pub engine: Engine,
    payer: Keypair,
    nonce: u32,
    /// Transactions sent, and how many of them failed on chain.
    pub sent: u64,
    pub failed: u64,
}

impl Default for Embedded {
    fn default() -> Self {
        Self::new()
    }
}

impl Embedded {
    /// A fresh engine and a payer funded from its faucet, which deployed the programs (their
    /// upgrade authority).
    pub fn new() -> Self {
        let mut engine = Engine::new();
        let payer = Keypair::new();
        engine.set_upgrade_authority(&payer.pubkey());
        engine
            .airdrop(&payer.pubkey(), PAYER_SOL * 1_000_000_000)
            .expect("faucet");
        Embedded {
            engine,
            payer,
            nonce: 0,
            sent: 0,
            failed: 0,
        }
    }

    /// `new`, for async callers.
    pub async fn start() -> Self {
        Self::new()
    }

    /// Moves the clock `secs` forward.
    pub async fn warp(&mut self, secs: i64) -> ChainResult<()> {
        self.engine.warp(secs);
        Ok(())
    }

    /// Sends and returns the program log too.
    pub async fn send_logged(
        &mut self,
        ixs: &[Instruction],
        signers: &[&Keypair],
    ) -> ChainResult<(ChainResult<()>, Vec<String>)> {
        self.nonce = self.nonce.wrapping_add(1);
        let blockhash = self.engine.latest_blockhash();
        let tx = signed_transaction(&self.payer, blockhash, self.nonce, ixs, signers);
        let result = self.engine.send(tx);
        Ok(tally(result, &mut self.sent, &mut self.failed))
    }
}

impl Chain for Embedded {
    fn payer(&self) -> &Keypair {
        &self.payer
    }

    async fn send(&mut self, ixs: &[Instruction], signers: &[&Keypair]) -> ChainResult<()> {
        self.send_logged(ixs, signers).await?.0
    }

    /// As the trait's, with the signing and the signature check of the next transactions on
    /// a second thread while this one executes, as a cluster's signature stage runs ahead of
    /// its execution. Every transaction is still checked before it executes; what was signed
    /// ahead of a stop is dropped unsent.
    async fn send_batches(
        &mut self,
        batches: &[Vec<Instruction>],
        signers: &[&Keypair],
        stop_at_error: bool,
    ) -> ChainResult<Vec<ChainResult<()>>> {
        let by_key = packer::index_signers(signers);
        let blockhash = self.engine.latest_blockhash();
        let first = self.nonce;
        self.nonce = first.wrapping_add(batches.len() as u32);
        let Embedded {
            engine,
            payer,
            sent,
            failed,
            ..
        } = self;
        let payer = &*payer;
        let (ahead, checked) = std::sync::mpsc::sync_channel::<Checked>(AHEAD);
        std::thread::scope(|scope| {
            scope.spawn(move || {
                for (n, batch) in (1..).zip(batches) {
                    let needed = packer::needed_signers(batch, &by_key);
                    let tx =
                        signed_transaction(payer, blockhash, first.wrapping_add(n), batch, &needed);
                    if ahead.send(Checked::new(tx)).is_err() {
                        return;
                    }
                }
            });
            let mut results = Vec::with_capacity(batches.len());
            for tx in checked {
                let result = tally(engine.send_checked(tx), sent, failed).0;
                let stop = stop_at_error && result.is_err();
                results.push(result);
                if stop {
                    break;
                }
            }
            Ok(results)
        })
    }

    async fn wait(&mut self, secs: i64) -> ChainResult<()> {
        self.warp(secs).await
    }

    async fn account(&mut self, key: &Pubkey) -> ChainResult<Option<Account>> {
        Ok(self.engine.account(key))
    }

    async fn now(&mut self) -> ChainResult<i64> {
        Ok(self.engine.clock().unix_timestamp)
    }

    async fn program_accounts(
        &mut self,
        program: &Pubkey,
        discriminator: &[u8],
    ) -> ChainResult<Vec<(Pubkey, Account)>> {
        Ok(self.engine.accounts_by_owner(program, discriminator))
    }
}
