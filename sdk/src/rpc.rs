//! The JSON-RPC backend, for a real cluster, `solana-test-validator` or `sourceenergy localnet`.

use std::time::Duration;

use anchor_lang::prelude::Pubkey;
use solana_commitment_config::CommitmentConfig;
use solana_instruction::Instruction;
use solana_rpc_client::{
    api::{
        config::{
            RpcAccountInfoConfig, RpcProgramAccountsConfig, RpcSimulateTransactionConfig,
            UiAccountEncoding,
        },
        filter::{Memcmp, RpcFilterType},
    },
    nonblocking::rpc_client::RpcClient,
};
use solana_sdk::{
    account::Account, clock::Clock, hash::Hash, signature::Keypair, signature::Signature,
    signer::Signer, sysvar, transaction::Transaction,
};

use crate::{
    chain::{Chain, ChainError, ChainResult},
    packer::{compute_budget, COMPUTE_UNIT_LIMIT},
};

/// How [`RpcChain`] prices and retries what it sends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SendPolicy {
    /// Compute units asked for above what the simulation used, in percent of it (plus
    /// [`CU_HEADROOM`]): the state may change a little between simulation and landing.
    pub cu_margin_percent: u64,
    /// The priority fee is this percentile of the cluster's recent prioritization fees on the
    /// accounts the transaction writes (`getRecentPrioritizationFees`) ...
    pub fee_percentile: u8,
    /// ... capped at this many micro-lamports per compute unit. 0: no priority fee.
    pub max_priority_fee: u64,
    /// Sends of one transaction before a transport failure is given up on, each with a fresh
    /// blockhash.
    pub attempts: u32,
    /// The wait before the first retry; it doubles before each next one.
    pub backoff: Duration,
    /// Simulate only: `send` reports what the simulation said and sends nothing.
    pub dry_run: bool,
}

impl Default for SendPolicy {
    /// A 20 % compute margin, no priority fee, 4 attempts from 500 ms.
    fn default() -> Self {
        SendPolicy {
            cu_margin_percent: 20,
            fee_percentile: 75,
            max_priority_fee: 0,
            attempts: 4,
            backoff: Duration::from_millis(500),
            dry_run: false,
        }
    }
}

/// Compute units added to every limit above the margin: a simulation that used almost nothing
/// still leaves room for a branch it did not take.
pub const CU_HEADROOM: u64 = 1_000;

/// The compute-unit limit for a transaction whose simulation used `units`: the units, the
/// margin and [`CU_HEADROOM`], at most the per-transaction maximum.
pub fn compute_unit_limit(units: u64, margin_percent: u64) -> u32 {
    let limit = units
        .saturating_add(units.saturating_mul(margin_percent) / 100)
        .saturating_add(CU_HEADROOM);
    limit.min(COMPUTE_UNIT_LIMIT as u64) as u32
}

/// The priority fee (micro-lamports per compute unit): the `percentile` (nearest rank) of the
/// `recent` fees, at most `cap`; 0 when there are none.
pub fn priority_fee(recent: &[u64], percentile: u8, cap: u64) -> u64 {
    if recent.is_empty() || cap == 0 {
        return 0;
    }
    let mut sorted = recent.to_vec();
    sorted.sort_unstable();
    let rank = (sorted.len() * percentile.min(100) as usize).div_ceil(100);
    sorted[rank.saturating_sub(1)].min(cap)
}

/// The wait before retry number `retry` (1 for the first): `first`, doubled each time.
pub fn backoff(first: Duration, retry: u32) -> Duration {
    first.saturating_mul(1 << retry.saturating_sub(1).min(16))
}

/// What [`RpcChain::send`] did with one transaction, for logs and metrics.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sent {
    /// The landed (or failed) transaction's signature; `None` for a dry run or a transaction
    /// whose simulation failed (it was not sent).
    pub signature: Option<Signature>,
    /// Instructions after the two compute-budget ones.
    pub instructions: usize,
    /// Compute units the simulation used, if the node said.
    pub units_simulated: Option<u64>,
    /// The limit the transaction carried.
    pub compute_unit_limit: u32,
    /// The priority fee it carried, micro-lamports per compute unit.
    pub priority_fee: u64,
    /// Sends it took (0 when it was not sent).
    pub attempts: u32,
    /// Why it failed, on chain or in its simulation; `None` when it landed (or would land).
    pub error: Option<String>,
}

/// [`Chain`] over JSON-RPC at `confirmed` commitment; one payer keypair pays for and signs every
/// transaction it sends, priced by its [`SendPolicy`].
pub struct RpcChain {
    /// The underlying client, for the calls the [`Chain`] trait does not cover.
    pub client: RpcClient,
    payer: Keypair,
    /// How transactions are priced and retried; change it at any time.
    pub policy: SendPolicy,
    /// Every transaction handled since the last [`RpcChain::take_sent`], when recording.
    sent: Option<Vec<Sent>>,
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
        RpcChain {
            client,
            payer,
            policy: SendPolicy::default(),
            sent: None,
        }
    }

    /// Keeps a [`Sent`] record of every transaction from now on, for [`RpcChain::take_sent`]
    /// (a service takes them after each round, so they do not pile up).
    pub fn recording(mut self) -> Self {
        self.sent = Some(Vec::new());
        self
    }

    /// The records kept since the last call (none unless [`RpcChain::recording`]).
    pub fn take_sent(&mut self) -> Vec<Sent> {
        self.sent.as_mut().map(std::mem::take).unwrap_or_default()
    }

    /// Logs what happened to one transaction (a `tracing` event, seen when the application
    /// installs a subscriber, as the crank does) and keeps its record when recording.
    fn record(&mut self, sent: Sent) {
        let message = match (&sent.error, self.policy.dry_run) {
            (Some(_), _) => "transaction refused",
            (None, true) => "would send",
            (None, false) => "transaction landed",
        };
        tracing::info!(
            signature = sent.signature.map(|s| s.to_string()).unwrap_or_default(),
            instructions = sent.instructions,
            units_simulated = sent.units_simulated.unwrap_or_default(),
            compute_unit_limit = sent.compute_unit_limit,
            priority_fee = sent.priority_fee,
            attempts = sent.attempts,
            error = sent.error.as_deref().unwrap_or_default(),
            "{message}"
        );
        if let Some(all) = self.sent.as_mut() {
            all.push(sent);
        }
    }

    fn transaction(
        &self,
        ixs: &[Instruction],
        signers: &[&Keypair],
        units: u32,
        fee: u64,
        blockhash: Hash,
    ) -> Transaction {
        let mut all = compute_budget(units, fee).to_vec();
        all.extend_from_slice(ixs);
        let mut keys: Vec<&Keypair> = vec![&self.payer];
        keys.extend_from_slice(signers);
        Transaction::new_signed_with_payer(&all, Some(&self.payer.pubkey()), &keys, blockhash)
    }

    /// The priority fee for a transaction writing `ixs`' writable accounts, by the policy.
    async fn fee_for(&self, ixs: &[Instruction]) -> ChainResult<u64> {
        if self.policy.max_priority_fee == 0 {
            return Ok(0);
        }
        let mut writable: Vec<Pubkey> = vec![self.payer.pubkey()];
        for meta in ixs.iter().flat_map(|ix| &ix.accounts) {
            if meta.is_writable && !writable.contains(&meta.pubkey) {
                writable.push(meta.pubkey);
            }
        }
        // The RPC method takes at most 128 accounts.
        writable.truncate(128);
        let recent = self
            .client
            .get_recent_prioritization_fees(&writable)
            .await
            .map_err(transport)?;
        let fees: Vec<u64> = recent.iter().map(|f| f.prioritization_fee).collect();
        Ok(priority_fee(
            &fees,
            self.policy.fee_percentile,
            self.policy.max_priority_fee,
        ))
    }

    /// Simulates `ixs` at the maximum limit: the units used, or the failure the chain would
    /// return.
    async fn simulate(
        &self,
        ixs: &[Instruction],
        signers: &[&Keypair],
        fee: u64,
    ) -> ChainResult<Result<Option<u64>, ChainError>> {
        // The node puts its latest blockhash in (`replace_recent_blockhash`): no fetch needed.
        let tx = self.transaction(ixs, signers, COMPUTE_UNIT_LIMIT, fee, Hash::default());
        let config = RpcSimulateTransactionConfig {
            sig_verify: false,
            replace_recent_blockhash: true,
            commitment: Some(CommitmentConfig::confirmed()),
            ..RpcSimulateTransactionConfig::default()
        };
        let result = self
            .client
            .simulate_transaction_with_config(&tx, config)
            .await
            .map_err(transport)?
            .value;
        Ok(match result.err {
            Some(e) => Err(ChainError::Failed(e.into())),
            None => Ok(result.units_consumed),
        })
    }

    /// The price and the simulation, retried with backoff on transport failures.
    async fn prepare(
        &self,
        ixs: &[Instruction],
        signers: &[&Keypair],
    ) -> ChainResult<(u64, Result<Option<u64>, ChainError>)> {
        let mut retry = 0;
        loop {
            let attempt = async {
                let fee = self.fee_for(ixs).await?;
                Ok((fee, self.simulate(ixs, signers, fee).await?))
            };
            match attempt.await {
                Err(ChainError::Transport(e)) if retry + 1 < self.policy.attempts => {
                    retry += 1;
                    tracing::warn!(retry, error = %e, "simulation failed to reach the node; retrying");
                    tokio::time::sleep(backoff(self.policy.backoff, retry)).await;
                }
                other => return other,
            }
        }
    }
}

fn transport(e: impl std::fmt::Display) -> ChainError {
    ChainError::Transport(e.to_string())
}

impl Chain for RpcChain {
    fn payer(&self) -> &Keypair {
        &self.payer
    }

    /// Simulates first: a transaction the chain would refuse is not sent (its error is
    /// returned as [`ChainError::Failed`]), and one that passes asks for the units the
    /// simulation used plus the policy's margin, at the policy's priority fee. Transport
    /// failures are retried (up to `policy.attempts`, each with a fresh blockhash, after a
    /// doubling backoff). If an earlier attempt did land, the retry fails on chain instead,
    /// which every crank action treats as done.
    async fn send(&mut self, ixs: &[Instruction], signers: &[&Keypair]) -> ChainResult<()> {
        let (fee, simulated) = self.prepare(ixs, signers).await?;
        let mut sent = Sent {
            signature: None,
            instructions: ixs.len(),
            units_simulated: None,
            compute_unit_limit: COMPUTE_UNIT_LIMIT,
            priority_fee: fee,
            attempts: 0,
            error: None,
        };
        let units = match simulated {
            Ok(units) => units,
            Err(e) => {
                sent.error = Some(e.to_string());
                self.record(sent);
                return Err(e);
            }
        };
        sent.units_simulated = units;
        sent.compute_unit_limit = units.map_or(COMPUTE_UNIT_LIMIT, |u| {
            compute_unit_limit(u, self.policy.cu_margin_percent)
        });
        if self.policy.dry_run {
            self.record(sent);
            return Ok(());
        }
        let mut last = ChainError::Transport("not sent".into());
        let mut outcome = None;
        while sent.attempts < self.policy.attempts.max(1) {
            if sent.attempts > 0 {
                tracing::warn!(attempt = sent.attempts + 1, error = %last, "retrying with a fresh blockhash");
                tokio::time::sleep(backoff(self.policy.backoff, sent.attempts)).await;
            }
            sent.attempts += 1;
            let blockhash = match self.client.get_latest_blockhash().await {
                Ok(b) => b,
                Err(e) => {
                    last = transport(e);
                    continue;
                }
            };
            let tx = self.transaction(ixs, signers, sent.compute_unit_limit, fee, blockhash);
            sent.signature = Some(tx.signatures[0]);
            match self.client.send_and_confirm_transaction(&tx).await {
                Ok(_) => {
                    outcome = Some(Ok(()));
                    break;
                }
                Err(e) => match e.get_transaction_error() {
                    Some(failed) => {
                        outcome = Some(Err(ChainError::Failed(failed)));
                        break;
                    }
                    None => last = transport(e),
                },
            }
        }
        let outcome = outcome.unwrap_or(Err(last));
        sent.error = outcome.as_ref().err().map(|e| e.to_string());
        self.record(sent);
        outcome
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
    use std::collections::HashMap;

    use solana_rpc_client::api::request::RpcRequest;

    use super::*;

    fn ix() -> Instruction {
        Instruction {
            program_id: Pubkey::new_unique(),
            accounts: vec![solana_instruction::AccountMeta::new(
                Pubkey::new_unique(),
                false,
            )],
            data: vec![1, 2, 3],
        }
    }

    /// The client's own mock transport: "succeeds", a transaction that fails on chain, and a
    /// node that answers nothing; with `mocks`, those methods answer what they say.
    fn chain(mode: &str, mocks: &[(RpcRequest, serde_json::Value)]) -> RpcChain {
        let mocks: HashMap<_, _> = mocks.iter().cloned().collect();
        let client = RpcClient::new_mock_with_mocks(mode.to_string(), mocks);
        let mut chain = RpcChain::with_client(client, Keypair::new()).recording();
        chain.policy.backoff = Duration::from_millis(1);
        chain
    }

    fn simulated(err: serde_json::Value, units: Option<u64>) -> (RpcRequest, serde_json::Value) {
        let value = serde_json::json!({
            "context": { "slot": 1 },
            "value": { "err": err, "logs": [], "unitsConsumed": units },
        });
        (RpcRequest::SimulateTransaction, value)
    }

    #[tokio::test]
    async fn sends_reads_and_tells_on_chain_failures_from_transport_ones() {
        let mut ok = chain("succeeds", &[]);
        assert!(ok.send(&[ix()], &[]).await.is_ok());
        assert!(ok.account(&Pubkey::new_unique()).await.unwrap().is_none());

        let mut failing = chain("instruction_error", &[]);
        let e = failing.send(&[ix()], &[]).await.unwrap_err();
        assert!(matches!(e, ChainError::Failed(_)), "{e}");
        let sent = failing.take_sent();
        assert_eq!(
            (sent.len(), sent[0].attempts),
            (1, 1),
            "refused on chain: not retried"
        );

        let mut down = chain("fails", &[]);
        let e = down.send(&[ix()], &[]).await.unwrap_err();
        assert!(matches!(e, ChainError::Transport(_)), "{e}");
    }

    #[tokio::test]
    async fn the_limit_is_the_simulated_units_plus_the_margin_and_the_fee_a_capped_percentile() {
        let fees: Vec<_> = [0u64, 100, 5_000, 20_000]
            .iter()
            .map(|f| serde_json::json!({ "slot": 1, "prioritizationFee": f }))
            .collect();
        let mut c = chain(
            "succeeds",
            &[
                simulated(serde_json::Value::Null, Some(12_345)),
                (RpcRequest::GetRecentPrioritizationFees, fees.into()),
            ],
        );
        c.policy.max_priority_fee = 8_000;
        c.send(&[ix()], &[]).await.unwrap();
        let sent = c.take_sent();
        assert_eq!(sent.len(), 1);
        let s = &sent[0];
        assert_eq!(s.units_simulated, Some(12_345));
        // 12,345 + 20 % + 1,000 headroom.
        assert_eq!(s.compute_unit_limit, 15_814);
        // The 75th percentile of [0, 100, 5,000, 20,000] is 5,000, under the cap.
        assert_eq!(
            (s.priority_fee, s.attempts, s.error.clone()),
            (5_000, 1, None)
        );
        assert!(s.signature.is_some());
        assert!(c.take_sent().is_empty(), "taken once");
    }

    #[tokio::test]
    async fn a_transaction_its_simulation_refuses_is_not_sent() {
        let refusal = serde_json::json!({ "InstructionError": [0, { "Custom": 8008 }] });
        let mut c = chain("succeeds", &[simulated(refusal, Some(900))]);
        let e = c.send(&[ix()], &[]).await.unwrap_err();
        assert_eq!(e.code(), Some(8008), "{e}");
        let s = &c.take_sent()[0];
        assert_eq!((s.attempts, s.signature), (0, None));
        assert!(s.error.as_deref().unwrap().contains("WrongEpoch"), "{s:?}");
    }

    #[tokio::test]
    async fn a_dry_run_simulates_and_sends_nothing() {
        let mut c = chain(
            "instruction_error",
            &[simulated(serde_json::Value::Null, Some(2_000))],
        );
        c.policy.dry_run = true;
        // On chain this would fail; the dry run never gets there.
        c.send(&[ix()], &[]).await.unwrap();
        let s = &c.take_sent()[0];
        assert_eq!(
            (s.attempts, s.signature, s.compute_unit_limit),
            (0, None, 3_400)
        );
    }

    #[test]
    fn limits_fees_and_backoff() {
        assert_eq!(compute_unit_limit(0, 20), 1_000);
        assert_eq!(compute_unit_limit(1_300_000, 20), COMPUTE_UNIT_LIMIT);
        assert_eq!(compute_unit_limit(u64::MAX, 20), COMPUTE_UNIT_LIMIT);
        let recent = [7, 1, 3, 9, 5];
        assert_eq!(priority_fee(&recent, 50, u64::MAX), 5);
        assert_eq!(priority_fee(&recent, 100, u64::MAX), 9);
        assert_eq!(priority_fee(&recent, 1, u64::MAX), 1);
        assert_eq!(priority_fee(&recent, 100, 4), 4, "capped");
        assert_eq!(priority_fee(&recent, 100, 0), 0, "a cap of 0: no fee");
        assert_eq!(priority_fee(&[], 75, 100), 0, "no recent fees");
        let first = Duration::from_millis(500);
        let waits: Vec<_> = (1..=4).map(|r| backoff(first, r).as_millis()).collect();
        assert_eq!(waits, [500, 1_000, 2_000, 4_000]);
    }
}
