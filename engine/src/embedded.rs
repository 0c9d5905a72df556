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
    packer::COMPUTE_UNIT_LIMIT,
};

use crate::Engine;

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
    /// A fresh engine and a payer funded from its faucet.
    pub fn new() -> Self {
        let mut engine = Engine::new();
        let payer = Keypair::new();
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
        self.sent += 1;
        Ok(match self.engine.send(tx) {
            Ok(meta) => (Ok(()), meta.logs),
            Err(failed) => {
                self.failed += 1;
                (Err(ChainError::Failed(failed.err)), failed.meta.logs)
            }
        })
    }
}

impl Chain for Embedded {
    fn payer(&self) -> &Keypair {
        &self.payer
    }

    async fn send(&mut self, ixs: &[Instruction], signers: &[&Keypair]) -> ChainResult<()> {
        self.send_logged(ixs, signers).await?.0
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
