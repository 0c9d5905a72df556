//! `sourceenergy localnet --economy`: the node starts with the seeded economy, and over its
//! JSON-RPC a new member is onboarded, its meter read, the epoch closed by a crank that is
//! killed between batches and restarted, settled, and the member's revenue claimed.

use anchor_lang::{prelude::Pubkey, solana_program::instruction::Instruction, Discriminator};
use anchor_spl::{token, token_2022};
use central_bank::{
    instructions::AttestationTerms,
    state::{GovernanceAction, Proposal, ProposalStatus},
};
use grid_market::state::{Epoch, EpochStatus, Market};
use member::state::Member;
use solana_sdk::{account::Account, signature::Keypair, signer::Signer};
use sourceenergy::{crank, sim::economy, status::status};
use sourceenergy_sdk::{
    central_bank::CentralBank,
    chain::{Chain, ChainError, ChainResult},
    grid_market::{self as gm, Reading},
    member::{self as mb, Affiliation, MemberKeys},
    pda, tokens,
};

use crate::node::{start_node, travel_to};

/// A chain whose connection dies after `left` more transactions: a crank killed mid-pass.
struct DiesAfter<'a> {
    inner: &'a mut sourceenergy_sdk::rpc::RpcChain,
    left: usize,
}

impl Chain for DiesAfter<'_> {
    fn payer(&self) -> &Keypair {
        self.inner.payer()
    }

    async fn send(&mut self, ixs: &[Instruction], signers: &[&Keypair]) -> ChainResult<()> {
        if self.left == 0 {
            return Err(ChainError::Transport("killed".into()));
        }
        self.left -= 1;
        self.inner.send(ixs, signers).await
    }

    async fn account(&mut self, key: &Pubkey) -> ChainResult<Option<Account>> {
        self.inner.account(key).await
    }

    async fn now(&mut self) -> ChainResult<i64> {
        self.inner.now().await
    }

    async fn program_accounts(
        &mut self,
        program: &Pubkey,
        discriminator: &[u8],
    ) -> ChainResult<Vec<(Pubkey, Account)>> {
        self.inner.program_accounts(program, discriminator).await
    }

    async fn wait(&mut self, secs: i64) -> ChainResult<()> {
        self.inner.wait(secs).await
    }
}

fn keypair(path: &std::path::Path) -> Keypair {
    sourceenergy::bootstrap::read_keypair(path).expect("keypair written by the economy")
}

async fn balance(chain: &mut impl Chain, account: &Pubkey) -> u64 {
    let data = chain
        .account(account)
        .await
        .unwrap()
        .expect("token account")
        .data;
    u64::from_le_bytes(data[64..72].try_into().unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn economy_node_onboards_reads_settles_and_a_killed_crank_finishes_on_restart() {
    let dir = std::env::temp_dir().join(format!("se-economy-{}", std::process::id()));
    let played = economy::play(&dir).await.expect("the economy plays");
    let m = &played.manifest;
    assert_eq!(
        (m.members.len(), m.households.len(), m.communities.len()),
        (16, 4, 2)
    );
    assert_eq!(m.pools.len(), 1);
    assert!(m.settled_epochs.len() >= 4, "{:?}", m.settled_epochs);
    let wall = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;

    let payer = Keypair::new();
    let mut airdrop = played.wallets.clone();
    airdrop.push(payer.pubkey());
    let node = start_node(airdrop, played.accounts.clone()).await;
    let mut chain = sourceenergy_sdk::rpc::RpcChain::new(&node.rpc_url, payer.insecure_clone());

    // The economy's state is on the node, and its clock carries on from the run's end.
    let now = chain.now().await.unwrap();
    assert!(
        (wall - 5..=wall + 120).contains(&now),
        "node {now}, wall {wall}"
    );
    for c in &m.communities {
        let account = chain
            .account(&c.parse().unwrap())
            .await
            .unwrap()
            .expect("community");
        assert_eq!(account.owner, community::ID);
    }
    let members = chain
        .program_accounts(&member::ID, Member::DISCRIMINATOR)
        .await
        .unwrap();
    assert_eq!(members.len(), 16);
    let market: Market = chain.read(&pda::market()).await.unwrap().expect("market");
    let last = *m.settled_epochs.last().unwrap();
    let settled: Epoch = chain.read(&pda::epoch(last)).await.unwrap().expect("epoch");
    assert_eq!(settled.status, EpochStatus::Settled);
    assert!(settled.revenue > 0);
    let text = status(&mut chain).await.unwrap();
    assert!(text.contains("current epoch"), "{text}");
    // The economy's council runs this bank: bootstrapping it with the localnet config says
    // so, and changes nothing.
    let config =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../migrations/localnet.json");
    let cfg = sourceenergy::bootstrap::load_config(&config).unwrap();
    let refused = sourceenergy::bootstrap::bootstrap(&mut chain, &cfg, &dir)
        .await
        .unwrap_err();
    assert!(refused.to_string().contains("another council"), "{refused}");
    assert!(chain
        .account(&pda::role(
            central_bank::state::RoleKind::MeterOracle,
            &payer.pubkey()
        ))
        .await
        .unwrap()
        .is_none());

    // The economy leaves a proposal with one approval of two; a second council member
    // approves it now, and it executes once the timelock has passed (below).
    let index = m.pending_proposal;
    let pending: Proposal = chain
        .read(&pda::proposal(index))
        .await
        .unwrap()
        .expect("proposal");
    assert_eq!(
        (pending.approvals, pending.status),
        (1, ProposalStatus::Active)
    );
    let council: Vec<Keypair> = m.keypairs.council.iter().map(|p| keypair(p)).collect();
    let pending_provider = keypair(&m.keypairs.pending_kyc_provider).pubkey();
    let approve = CentralBank {
        collateral_mint: m.mints.collateral.parse().unwrap(),
        collateral_token_program: token::ID,
    }
    .approve(council[1].pubkey(), index);
    chain.send(&[approve], &[&council[1]]).await.unwrap();

    // A new member onboards over JSON-RPC with the economy's KYC provider and registrar.
    let provider = keypair(&m.keypairs.kyc_provider);
    let registrar = keypair(&m.keypairs.registrar);
    let oracle = keypair(&m.keypairs.oracle);
    let offtaker = keypair(&m.keypairs.offtaker);
    let wallet = Keypair::new();
    let w = wallet.pubkey();
    let bank = CentralBank {
        collateral_mint: m.mints.collateral.parse().unwrap(),
        collateral_token_program: token::ID,
    };
    let keys = MemberKeys {
        wallet: w,
        currency: pda::associated_token(&w, &pda::currency_mint(), &token_2022::ID),
    };
    let terms = AttestationTerms {
        level: 2,
        jurisdiction: *b"DE",
        expires_at: now + 365 * 86_400,
    };
    let p = payer.pubkey();
    let mut ixs = vec![
        anchor_lang::solana_program::system_instruction::transfer(&p, &w, 1_000_000_000),
        bank.issue_attestation(provider.pubkey(), w, terms, [42; 32]),
        tokens::ata(&p, &w, &pda::currency_mint(), &token_2022::ID).1,
        tokens::ata(&p, &w, &pda::energy_credit_mint(), &token_2022::ID).1,
    ];
    ixs.push(keys.create());
    chain.send(&ixs, &[&provider, &wallet]).await.unwrap();
    let meter_id = Pubkey::new_unique();
    let ix = keys.register_meter(registrar.pubkey(), meter_id, 10_000, oracle.pubkey());
    chain.send(&[ix], &[&wallet, &registrar]).await.unwrap();
    let created: Member = chain.read(&keys.member()).await.unwrap().expect("member");
    assert_eq!(created.wallet, w);

    // The crank opens the current epoch; the clock then moves to a minute before the next
    // one ends, and the crank closes this one, killed after its first transaction.
    crank::run(&mut chain).await.unwrap();
    let e0 = market.epoch_at(chain.now().await.unwrap());
    let e1 = e0 + 1;
    travel_to(&mut chain, market.epoch_start(e1 + 1) - 60).await;
    let killed = crank::run(&mut DiesAfter {
        inner: &mut chain,
        left: 1,
    })
    .await;
    assert!(
        matches!(killed, Err(ChainError::Transport(_))),
        "{killed:?}"
    );
    let restart = crank::run(&mut chain).await.unwrap();
    assert!(restart.actions() > 0, "{restart:?}");
    let idle = crank::run(&mut chain).await.unwrap();
    assert_eq!((idle.actions(), idle.transactions), (0, 0), "{idle:?}");
    let closed: Epoch = chain.read(&pda::epoch(e0)).await.unwrap().expect("e0");
    assert_eq!(closed.status, EpochStatus::Closed);
    let open: Epoch = chain.read(&pda::epoch(e1)).await.unwrap().expect("e1");
    assert_eq!(open.status, EpochStatus::Open);

    // The oracle reads the new meter: 1 kWh, well within 10 kW over the epoch so far.
    let reading = Reading {
        oracle: oracle.pubkey(),
        meter_id,
        owner: w,
        epoch: e1,
    };
    let ix = mb::record_reading(&reading, &Affiliation::default(), 1_000);
    chain.send(&[ix], &[&oracle]).await.unwrap();
    let credits = pda::associated_token(&w, &pda::energy_credit_mint(), &token_2022::ID);
    assert_eq!(balance(&mut chain, &credits).await, 1_000);
    rpc_reads_of_a_new_member(&chain, &keys, &credits).await;

    // The epoch ends, the crank closes it, the offtaker settles, the member claims.
    travel_to(&mut chain, market.epoch_start(e1 + 1) + 10).await;
    let next = crank::run(&mut chain).await.unwrap();
    assert!(next.closed >= 1, "{next:?}");
    let closed: Epoch = chain.read(&pda::epoch(e1)).await.unwrap().expect("e1");
    assert_eq!(closed.status, EpochStatus::Closed);
    let offtaker_currency =
        pda::associated_token(&offtaker.pubkey(), &pda::currency_mint(), &token_2022::ID);
    let ix = gm::settle_epoch(offtaker.pubkey(), offtaker_currency, e1, u64::MAX);
    chain.send(&[ix], &[&offtaker]).await.unwrap();
    let before = balance(&mut chain, &keys.currency).await;
    chain
        .send(&[keys.claim_revenue(e1)], &[&wallet])
        .await
        .unwrap();
    let paid = balance(&mut chain, &keys.currency).await - before;
    assert_eq!(paid, 1_000 * closed.clearing_price / 1_000);
    assert!(paid > 0);

    // More than the timelock (an hour) later, the council executes the second provider.
    let action = GovernanceAction::ApproveKycProvider {
        provider: pending_provider,
    };
    let ix = bank.execute(council[0].pubkey(), index, &action);
    chain.send(&[ix], &[&council[0]]).await.unwrap();
    let approved = chain
        .account(&pda::kyc_provider(&pending_provider))
        .await
        .unwrap();
    assert_eq!(approved.expect("provider record").owner, central_bank::ID);

    node.stop();
    let _ = std::fs::remove_dir_all(dir);
}

/// The JSON-RPC methods a wallet or dApp calls that the other node tests do not, on the new
/// member's accounts.
async fn rpc_reads_of_a_new_member(
    chain: &sourceenergy_sdk::rpc::RpcChain,
    keys: &MemberKeys,
    credits: &Pubkey,
) {
    use solana_rpc_client_api::request::TokenAccountsFilter;
    let client = &chain.client;
    assert!(!client.get_version().await.unwrap().solana_core.is_empty());
    let genesis = client.get_genesis_hash().await.unwrap();
    assert_ne!(genesis, solana_sdk::hash::Hash::default());
    let slot = client.get_slot().await.unwrap();
    assert!(slot > 0);
    assert!(client.get_block_height().await.unwrap() > 0);
    let info = client.get_epoch_info().await.unwrap();
    assert!(info.absolute_slot >= slot);

    let found = client
        .get_multiple_accounts(&[pda::market(), pda::policy(), keys.member()])
        .await
        .unwrap();
    let owners: Vec<Pubkey> = found.iter().map(|a| a.as_ref().unwrap().owner).collect();
    assert_eq!(owners, [grid_market::ID, central_bank::ID, member::ID]);

    let by_owner = client
        .get_token_accounts_by_owner(
            &keys.wallet,
            TokenAccountsFilter::Mint(pda::energy_credit_mint()),
        )
        .await
        .unwrap();
    assert_eq!(by_owner.len(), 1);
    assert_eq!(by_owner[0].pubkey, credits.to_string());
    let amount = client.get_token_account_balance(credits).await.unwrap();
    assert_eq!((amount.amount.as_str(), amount.decimals), ("1000", 3));

    let two_signers = solana_sdk::message::Message::new(
        &[anchor_lang::solana_program::system_instruction::transfer(
            &keys.wallet,
            &chain.payer().pubkey(),
            1,
        )],
        Some(&chain.payer().pubkey()),
    );
    assert_eq!(
        client.get_fee_for_message(&two_signers).await.unwrap(),
        10_000
    );
    assert!(client.get_recent_prioritization_fees(&[]).await.is_ok());

    let before = client.get_balance(&keys.wallet).await.unwrap();
    let signature = client
        .request_airdrop(&keys.wallet, 2_000_000_000)
        .await
        .unwrap();
    let mut landed = false;
    for _ in 0..50 {
        let status = client
            .get_signature_statuses(&[signature])
            .await
            .unwrap()
            .value;
        if status[0].as_ref().is_some_and(|s| s.err.is_none()) {
            landed = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert!(landed, "the airdrop confirmed");
    assert_eq!(
        client.get_balance(&keys.wallet).await.unwrap(),
        before + 2_000_000_000
    );
}
