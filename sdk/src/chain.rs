//! One chain interface, two backends: `sourceenergy_engine::Embedded` (the programs running
//! natively on the engine, in another crate) and [`RpcChain`](crate::rpc::RpcChain) (a cluster,
//! `solana-test-validator` or `sourceenergy localnet`).

use anchor_lang::{prelude::Pubkey, system_program, AccountDeserialize};
use solana_instruction::Instruction;
use solana_sdk::{
    account::Account, instruction::InstructionError, signature::Keypair,
    transaction::TransactionError,
};

use crate::packer;

/// Why a [`Chain`] call failed. Its `Display` names the program error a failed transaction ended
/// with (program, error name, code and message), read from the IDLs by [`crate::errors`].
#[derive(Debug)]
pub enum ChainError {
    /// The transaction reached the chain and failed there.
    Failed(TransactionError),
    /// It may not have reached the chain (network, timeout); safe to retry, since every
    /// action the CLI repeats is idempotent on chain.
    Transport(String),
    /// A local problem: an instruction that cannot fit a transaction, a missing account.
    Local(String),
}

impl ChainError {
    /// The program's custom error code, if the failure was one.
    pub fn code(&self) -> Option<u32> {
        match self {
            ChainError::Failed(TransactionError::InstructionError(
                _,
                InstructionError::Custom(code),
            )) => Some(*code),
            _ => None,
        }
    }
}

impl std::fmt::Display for ChainError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChainError::Failed(e) => match crate::errors::describe_failure(e) {
                Some(info) => write!(
                    f,
                    "transaction failed: {} {} ({}): {}",
                    info.program, info.name, info.code, info.msg
                ),
                None => write!(f, "transaction failed: {e}"),
            },
            ChainError::Transport(e) => write!(f, "transport: {e}"),
            ChainError::Local(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ChainError {}

impl From<packer::TooLarge> for ChainError {
    fn from(e: packer::TooLarge) -> Self {
        ChainError::Local(e.to_string())
    }
}

/// The result of every [`Chain`] call.
pub type ChainResult<T> = Result<T, ChainError>;

/// A chain to send transactions to and read accounts from, whichever backend runs it, so one
/// client serves tests, the simulator and a cluster alike.
#[allow(async_fn_in_trait)]
pub trait Chain {
    /// Pays the fees and rent of what this chain sends, and signs every transaction.
    fn payer(&self) -> &Keypair;
    /// Sends one transaction (the payer signs too) and waits for its result.
    async fn send(&mut self, ixs: &[Instruction], signers: &[&Keypair]) -> ChainResult<()>;
    /// The raw account at `key`, `None` if it does not exist.
    async fn account(&mut self, key: &Pubkey) -> ChainResult<Option<Account>>;
    /// The cluster's clock (unix seconds).
    async fn now(&mut self) -> ChainResult<i64>;
    /// Accounts owned by `program` whose data starts with `discriminator`.
    async fn program_accounts(
        &mut self,
        program: &Pubkey,
        discriminator: &[u8],
    ) -> ChainResult<Vec<(Pubkey, Account)>>;

    /// Waits until the cluster clock has moved `secs` forward (the embedded backend moves it).
    async fn wait(&mut self, secs: i64) -> ChainResult<()>;

    /// Reads and decodes an Anchor account, `None` if it does not exist (or holds only lamports).
    async fn read<T: AccountDeserialize>(&mut self, key: &Pubkey) -> ChainResult<Option<T>> {
        // Lamports alone (an address someone pre-funded) are not a record either.
        let Some(account) = self
            .account(key)
            .await?
            .filter(|a| a.owner != system_program::ID)
        else {
            return Ok(None);
        };
        T::try_deserialize(&mut &account.data[..])
            .map(Some)
            .map_err(|e| ChainError::Local(format!("decode {key}: {e}")))
    }

    /// Sends `ixs` in as few transactions as fit (see `packer`); returns one result per
    /// transaction, in order, so a caller can treat "already done" failures as done.
    async fn send_packed(
        &mut self,
        ixs: Vec<Instruction>,
        signers: &[&Keypair],
    ) -> ChainResult<Vec<ChainResult<()>>> {
        let payer = solana_sdk::signer::Signer::pubkey(self.payer());
        let batches = packer::pack(ixs, &payer)?;
        self.send_batches(&batches, signers, false).await
    }

    /// Sends each batch as one transaction, in order; returns one result per transaction sent.
    /// With `stop_at_error`, stops after the first that fails (what follows may need it).
    async fn send_batches(
        &mut self,
        batches: &[Vec<Instruction>],
        signers: &[&Keypair],
        stop_at_error: bool,
    ) -> ChainResult<Vec<ChainResult<()>>> {
        let by_key = packer::index_signers(signers);
        let mut results = Vec::with_capacity(batches.len());
        for batch in batches {
            let needed = packer::needed_signers(batch, &by_key);
            let result = self.send(batch, &needed).await;
            let stop = stop_at_error && result.is_err();
            results.push(result);
            if stop {
                break;
            }
        }
        Ok(results)
    }
}
