//! The JSON-RPC backend, for a real cluster, `solana-test-validator` or `sourceenergy localnet`.

use anchor_lang::prelude::Pubkey;
use solana_commitment_config::CommitmentConfig;
use solana_instruction::Instruction;
use solana_rpc_client::{
    api::{
        config::{RpcAccountInfoConfig, RpcProgramAccountsConfig, UiAccountEncoding},
        filter::{Memcmp, RpcFilterType},
    },
    nonblocking::rpc_client::RpcClient,
};
use solana_sdk::{
    account::Account, clock::Clock, signature::Keypair, signer::Signer, sysvar,
    transaction::Transaction,
};

use crate::{
    chain::{Chain, ChainError, ChainResult},
    packer::compute_budget,
};

const SEND_ATTEMPTS: usize = 3;

/// [`Chain`] over JSON-RPC at `confirmed` commitment; one payer keypair pays for and signs every
/// transaction it sends.
pub struct RpcChain {
    /// The underlying client, for the calls the [`Chain`] trait does not cover.
    pub client: RpcClient,
    payer: Keypair,
}

impl RpcChain {
    /// Connects to the node at `url` (localnet's is `http://127.0.0.1:8899`) at `confirmed`
    /// commitment; `payer` pays every transaction's fees.
    pub fn new(url: &str, payer: Keypair) -> Self {
        Self::with_client(
            RpcClient::new_with_commitment(url.to_string(), CommitmentConfig::confirmed()),
            payer,
        )
    }

    /// Over a client configured elsewhere: another commitment, or the client's mock transport
    /// in tests.
    pub fn with_client(client: RpcClient, payer: Keypair) -> Self {
        RpcChain { client, payer }
    }
}

fn transport(e: impl std::fmt::Display) -> ChainError {
    ChainError::Transport(e.to_string())
}

impl Chain for RpcChain {
    fn payer(&self) -> &Keypair {
        &self.payer
    }

    /// Retries transport failures (up to `SEND_ATTEMPTS`, each with a fresh blockhash). If an
    /// earlier attempt did land, the retry fails on chain instead, which every crank action
    /// treats as done.
    async fn send(&mut self, ixs: &[Instruction], signers: &[&Keypair]) -> ChainResult<()> {
        let mut all = vec![compute_budget()];
        all.extend_from_slice(ixs);
        let mut keys: Vec<&Keypair> = vec![&self.payer];
        keys.extend_from_slice(signers);
        let mut last = ChainError::Transport("not sent".into());
        for _ in 0..SEND_ATTEMPTS {
            let blockhash = match self.client.get_latest_blockhash().await {
                Ok(b) => b,
                Err(e) => {
                    last = transport(e);
                    continue;
                }
            };
            let tx = Transaction::new_signed_with_payer(
                &all,
                Some(&self.payer.pubkey()),
                &keys,
                blockhash,
            );
            match self.client.send_and_confirm_transaction(&tx).await {
                Ok(_) => return Ok(()),
                Err(e) => match e.get_transaction_error() {
                    Some(failed) => return Err(ChainError::Failed(failed)),
                    None => last = transport(e),
                },
            }
        }
        Err(last)
    }

    async fn wait(&mut self, secs: i64) -> ChainResult<()> {
        let until = self.now().await? + secs;
        while self.now().await? < until {
            tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        }
        Ok(())
    }

    async fn account(&mut self, key: &Pubkey) -> ChainResult<Option<Account>> {
        let response = self
            .client
            .get_account_with_commitment(key, CommitmentConfig::confirmed())
            .await
            .map_err(transport)?;
        Ok(response.value)
    }

    async fn now(&mut self) -> ChainResult<i64> {
        let account = self
            .client
            .get_account(&sysvar::clock::ID)
            .await
            .map_err(transport)?;
        let clock: Clock = bincode::deserialize(&account.data).map_err(transport)?;
        Ok(clock.unix_timestamp)
    }

    async fn program_accounts(
        &mut self,
        program: &Pubkey,
        discriminator: &[u8],
    ) -> ChainResult<Vec<(Pubkey, Account)>> {
        let config = RpcProgramAccountsConfig {
            filters: Some(vec![RpcFilterType::Memcmp(Memcmp::new_raw_bytes(
                0,
                discriminator.to_vec(),
            ))]),
            account_config: RpcAccountInfoConfig {
                encoding: Some(UiAccountEncoding::Base64),
                commitment: Some(CommitmentConfig::confirmed()),
                ..RpcAccountInfoConfig::default()
            },
            ..RpcProgramAccountsConfig::default()
        };
        #[allow(deprecated)] // the replacement returns UI-encoded accounts to decode by hand
        self.client
            .get_program_accounts_with_config(program, config)
            .await
            .map_err(transport)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ix() -> Instruction {
        Instruction {
            program_id: Pubkey::new_unique(),
            accounts: vec![],
            data: vec![1, 2, 3],
        }
    }

    /// The client's own mock transport: "succeeds", a transaction that fails on chain, and a
    /// node that answers nothing.
    fn chain(mode: &str) -> RpcChain {
        RpcChain::with_client(RpcClient::new_mock(mode.to_string()), Keypair::new())
    }

    #[tokio::test]
    async fn sends_reads_and_tells_on_chain_failures_from_transport_ones() {
        let mut ok = chain("succeeds");
        assert!(ok.send(&[ix()], &[]).await.is_ok());
        assert!(ok.account(&Pubkey::new_unique()).await.unwrap().is_none());

        let mut failing = chain("instruction_error");
        let e = failing.send(&[ix()], &[]).await.unwrap_err();
        assert!(matches!(e, ChainError::Failed(_)), "{e}");

        let mut down = chain("fails");
        let e = down.send(&[ix()], &[]).await.unwrap_err();
        assert!(matches!(e, ChainError::Transport(_)), "{e}");
    }
}
