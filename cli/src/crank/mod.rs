//! The settlement crank. Everything it does is permissionless and idempotent on chain, and
//! it reads all its state from chain, so it can be stopped and restarted at any point and two
//! cranks may run at once: an action someone else already did fails on chain and counts as
//! done. Its work per epoch grows with the number of communities and household trusts, never
//! with members (member income is pull-based).

pub mod metrics;

use anchor_lang::{prelude::Pubkey, Discriminator};
use central_bank::state::Policy;
use community::state::{Community, Position};
use grid_market::state::{Contributor, Epoch, EpochStatus, Market};
use household::state::Household;
use marketplace::state::Pool;
use serde::Serialize;
use solana_instruction::Instruction;
use solana_sdk::{signer::Signer, transaction::TransactionError};

use sourceenergy_sdk::{
    chain::{Chain, ChainError, ChainResult},
    community::CommunityKeys,
    grid_market as gm,
    household::HouseholdKeys,
    marketplace::PoolKeys,
    pda, tokens,
};

#[derive(Debug, Default, Clone, Serialize, PartialEq, Eq)]
pub struct CrankReport {
    pub opened: u32,
    pub closed: u32,
    pub swept: u32,
    /// Community revenue booked at an epoch's close (it streams from then).
    pub bookings: u32,
    pub revenue_claims: u32,
    pub reward_claims: u32,
    pub distributions: u32,
    /// Reserve support of the energy credit pool while its TWAP is outside the policy band.
    pub stabilizations: u32,
    /// Transactions sent, and instructions that failed on chain because they were already
    /// done (or had nothing to do) by the time they landed.
    pub transactions: u32,
    pub already_done: u32,
}

impl CrankReport {
    pub fn actions(&self) -> u32 {
        self.opened
            + self.closed
            + self.swept
            + self.bookings
            + self.revenue_claims
            + self.reward_claims
            + self.distributions
            + self.stabilizations
    }
}

/// Instructions a crank pass will send, with the actions they are counted as.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Plan {
    pub ixs: Vec<Instruction>,
    pub report: CrankReport,
}

impl std::ops::AddAssign for CrankReport {
    fn add_assign(&mut self, o: Self) {
        self.opened += o.opened;
        self.closed += o.closed;
        self.swept += o.swept;
        self.bookings += o.bookings;
        self.revenue_claims += o.revenue_claims;
        self.reward_claims += o.reward_claims;
        self.distributions += o.distributions;
        self.stabilizations += o.stabilizations;
        self.transactions += o.transactions;
        self.already_done += o.already_done;
    }
}

/// One pass of the crank: open the current epoch, close the ended ones (fixing their price), sweep
/// the expired ones, book communities' revenue of closed epochs, claim communities' and trusts'
/// grid_market revenue of settled ones, support the energy pool when its TWAP is outside the policy
/// band; then claim trusts' community rewards and run their distributions.
pub async fn run<C: Chain>(chain: &mut C) -> ChainResult<CrankReport> {
    let first = plan_epochs(chain).await?;
    let mut report = execute(chain, first).await?;
    // The trusts are planned from the state the first step left.
    let second = plan_trusts(chain).await?;
    report += execute(chain, second).await?;
    Ok(report)
}

/// Lamports below which the payer cannot be trusted to get through a pass: fees, and the rent
/// of the epoch accounts it opens.
pub const MIN_PAYER_LAMPORTS: u64 = 10_000_000;

/// Why a crank cannot run here at all, before it sends anything: the programs are not on this
/// cluster (a wrong `--url`), the payer cannot pay, or the market was never set up.
pub async fn preflight<C: Chain>(chain: &mut C) -> Result<(), String> {
    let programs = [
        ("central_bank", central_bank::ID),
        ("marketplace", marketplace::ID),
        ("grid_market", grid_market::ID),
        ("community", community::ID),
        ("household", household::ID),
        ("member", member::ID),
    ];
    // The first read tells a node that does not answer from one that answers without the
    // programs.
    let unreachable = |e: ChainError| match e {
        ChainError::Transport(e) => format!("cannot reach the cluster at --url: {e}"),
        e => e.to_string(),
    };
    for (name, id) in programs {
        let deployed = chain.account(&id).await.map_err(unreachable)?;
        if !deployed.is_some_and(|a| a.executable) {
            return Err(format!(
                "the SourceEnergy programs are not on this cluster ({name} {id} is not an \
                 executable account): is --url the right cluster?"
            ));
        }
    }
    let payer = chain.payer().pubkey();
    let lamports = chain
        .account(&payer)
        .await
        .map_err(|e| e.to_string())?
        .map_or(0, |a| a.lamports);
    if lamports < MIN_PAYER_LAMPORTS {
        return Err(format!(
            "the payer {payer} has {lamports} lamports, under the {MIN_PAYER_LAMPORTS} a pass may \
             need (fees, and the rent of the epochs it opens): fund it, or pass another with \
             --keypair"
        ));
    }
    if chain
        .account(&pda::market())
        .await
        .map_err(|e| e.to_string())?
        .is_none()
    {
        return Err(
            "the grid market is not initialised on this cluster: run `sourceenergy \
                    bootstrap` first"
                .into(),
        );
    }
    Ok(())
}

/// Step 1: epochs and the grid_market revenue of communities and trusts.
pub async fn plan_epochs<C: Chain>(chain: &mut C) -> ChainResult<Plan> {
    let mut plan = Plan::default();
    let report = &mut plan.report;
    let ixs = &mut plan.ixs;
    let market: Market = chain
        .read(&pda::market())
        .await?
        .ok_or_else(|| ChainError::Local("the grid market is not initialised".into()))?;
    let now = chain.now().await?;
    let payer = chain.payer().pubkey();
    let current = market.epoch_at(now);
    if chain.account(&pda::epoch(current)).await?.is_none() {
        ixs.push(gm::open_epoch(payer, current));
        report.opened += 1;
    }
    let mut claimable = Vec::new();
    // Closed now or before, and not swept: a community's revenue in them can be booked.
    let mut priced = Vec::new();
    let mut epochs = chain
        .program_accounts(&grid_market::ID, Epoch::DISCRIMINATOR)
        .await?
        .into_iter()
        .map(|(_, account)| decode::<Epoch>(&account.data))
        .collect::<ChainResult<Vec<_>>>()?;
    // Oldest first: an epoch closes only after the one before it (the packer keeps order).
    epochs.sort_by_key(|e| e.index);
    for epoch in epochs {
        match epoch.status {
            EpochStatus::Open if now >= epoch.end => {
                ixs.push(gm::close_epoch(epoch.index));
                report.closed += 1;
                priced.push(epoch.index);
            }
            EpochStatus::Settled if now >= epoch.claim_deadline => {
                ixs.push(gm::sweep_epoch(epoch.index));
                report.swept += 1;
            }
            EpochStatus::Settled => {
                claimable.push(epoch.index);
                priced.push(epoch.index);
            }
            EpochStatus::Closed => priced.push(epoch.index),
            _ => {}
        }
    }
    for (key, c) in decode_all::<Community, C>(chain, &community::ID).await? {
        let keys = CommunityKeys { id: c.id };
        let booked = |e: &u64| c.booked.iter().any(|b| b.epoch_plus_one == e + 1);
        for e in unclaimed(chain, &key, &priced).await? {
            if !booked(&e) {
                ixs.push(keys.book_revenue(e));
                report.bookings += 1;
            }
        }
        for e in unclaimed(chain, &key, &claimable).await? {
            ixs.push(keys.claim_grid_revenue(e));
            report.revenue_claims += 1;
        }
    }
    for (key, h) in decode_all::<Household, C>(chain, &household::ID).await? {
        for e in unclaimed(chain, &key, &claimable).await? {
            ixs.push(HouseholdKeys { id: h.id }.claim_grid_revenue(e));
            report.revenue_claims += 1;
        }
    }
    plan_support(chain, &mut plan, now).await?;
    Ok(plan)
}

/// The reserve's support of the energy credit pool (`stabilize`), once per observation
/// interval while the pool's TWAP is outside the policy band; its token accounts are created
/// first if missing.
async fn plan_support<C: Chain>(chain: &mut C, plan: &mut Plan, now: i64) -> ChainResult<()> {
    let keys = PoolKeys {
        asset_mint: pda::energy_credit_mint(),
        asset_token_program: anchor_spl::token_2022::ID,
    };
    let Some(pool) = chain.read::<Pool>(&keys.pool()).await? else {
        return Ok(());
    };
    let Some(policy) = chain.read::<Policy>(&pda::policy()).await? else {
        return Ok(());
    };
    let interval = pool.observation_interval_secs as i64;
    let Some(twap) = pool.twap(now, interval) else {
        return Ok(());
    };
    let per_kwh = twap * 1_000 / se_math::amm::PRICE_SCALE;
    let outside = per_kwh < policy.params.price_floor as u128
        || per_kwh > policy.params.price_ceiling as u128;
    if !outside || now < pool.stabilized_at + interval {
        return Ok(());
    }
    let payer = chain.payer().pubkey();
    for (owner, mint, program) in keys.stabilize_accounts() {
        let (address, create) = tokens::ata(&payer, &owner, &mint, &program);
        if chain.account(&address).await?.is_none() {
            plan.ixs.push(create);
        }
    }
    plan.ixs.push(keys.stabilize());
    plan.report.stabilizations += 1;
    Ok(())
}

/// Step 2: each trust claims its community rewards and distributes its income.
pub async fn plan_trusts<C: Chain>(chain: &mut C) -> ChainResult<Plan> {
    let mut plan = Plan::default();
    let now = chain.now().await?;
    // Each community's cash for rewards, less the claims planned so far.
    let mut cash: std::collections::BTreeMap<Pubkey, u64> = Default::default();
    for (key, h) in decode_all::<Household, C>(chain, &household::ID).await? {
        let keys = HouseholdKeys { id: h.id };
        let mut income = h.undistributed;
        let mut community = None;
        let mut fund = None;
        if h.community != Pubkey::default() {
            let c: Community = chain
                .read(&h.community)
                .await?
                .ok_or_else(|| ChainError::Local("household's community is missing".into()))?;
            let ck = CommunityKeys { id: c.id };
            if let Some(p) = chain.read::<Position>(&ck.position(&key)).await? {
                let pending = c
                    .reward_per_share_at(now)
                    .and_then(|rps| p.claimable(rps))
                    .unwrap_or(0);
                // Booked revenue not paid yet is owed, not payable: wait for the cash.
                let left = match cash.get(&h.community) {
                    Some(left) => *left,
                    None => {
                        let vault = chain
                            .account(&ck.vault())
                            .await?
                            .map_or(0, |a| tokens::amount(&a.data));
                        c.income_cash(vault)
                    }
                };
                let payable = pending > 0 && pending <= left;
                cash.insert(h.community, if payable { left - pending } else { left });
                if payable {
                    plan.ixs.push(keys.claim_community_rewards(&ck));
                    plan.report.reward_claims += 1;
                    income += pending;
                }
            }
            community = Some(ck);
            fund = Some(c);
        }
        if h.member_count > 0 && distributes(&h, income, fund.as_ref()) {
            plan.ixs.push(keys.distribute(community.as_ref()));
            plan.report.distributions += 1;
        }
    }
    Ok(plan)
}

/// Whether `distribute` would move anything out of `income` (it fails when all would be dust),
/// by the program's own rule.
fn distributes(h: &Household, income: u64, fund: Option<&Community>) -> bool {
    h.plan_distribution(income, fund)
        .is_ok_and(|(reinvest, to_members)| reinvest + to_members > 0)
}

fn decode<T: anchor_lang::AccountDeserialize>(data: &[u8]) -> ChainResult<T> {
    T::try_deserialize(&mut &data[..]).map_err(|e| ChainError::Local(e.to_string()))
}

async fn decode_all<T, C>(chain: &mut C, program: &Pubkey) -> ChainResult<Vec<(Pubkey, T)>>
where
    T: anchor_lang::AccountDeserialize + Discriminator,
    C: Chain,
{
    chain
        .program_accounts(program, T::DISCRIMINATOR)
        .await?
        .into_iter()
        .map(|(k, a)| Ok((k, decode::<T>(&a.data)?)))
        .collect()
}

/// The epochs among `claimable` in which `owner` has revenue not yet claimed.
async fn unclaimed<C: Chain>(
    chain: &mut C,
    owner: &Pubkey,
    claimable: &[u64],
) -> ChainResult<Vec<u64>> {
    let Some(record) = chain.read::<Contributor>(&pda::contributor(owner)).await? else {
        return Ok(Vec::new());
    };
    Ok(claimable
        .iter()
        .copied()
        .filter(|e| record.in_epoch(*e) > 0)
        .collect())
}

/// How far the crank is behind the cluster's clock, in epochs: the epochs between the newest
/// one opened and the current one, or the ended epochs still open, whichever is more. 0 after
/// a complete pass.
pub async fn epochs_behind<C: Chain>(chain: &mut C) -> ChainResult<u64> {
    let market: Market = chain
        .read(&pda::market())
        .await?
        .ok_or_else(|| ChainError::Local("the grid market is not initialised".into()))?;
    let now = chain.now().await?;
    let current = market.epoch_at(now);
    let epochs = decode_all::<Epoch, C>(chain, &grid_market::ID).await?;
    let newest = epochs.iter().map(|(_, e)| e.index).max();
    let unopened = newest.map_or(1, |n| current.saturating_sub(n));
    let unclosed = epochs
        .iter()
        .filter(|(_, e)| e.status == EpochStatus::Open && now >= e.end)
        .count() as u64;
    Ok(unopened.max(unclosed))
}

/// A failure that means the action was already done, or had nothing left to do, by the time
/// it ran: the program refused it. Anything else (the payer cannot pay the fee, an account is
/// missing) fails the pass.
fn already_done(e: &ChainError) -> bool {
    matches!(
        e,
        ChainError::Failed(TransactionError::InstructionError(..))
    )
}

/// Sends a plan packed; a failed batch is retried one instruction at a time, before anything
/// after it is sent, and an instruction the program still refuses was already done (or had
/// nothing left to do) and counts as done.
pub async fn execute<C: Chain>(chain: &mut C, plan: Plan) -> ChainResult<CrankReport> {
    let mut report = plan.report;
    let batches = sourceenergy_sdk::packer::pack(plan.ixs, &chain.payer().pubkey())?;
    let mut rest = &batches[..];
    while !rest.is_empty() {
        let mut results = chain.send_batches(rest, &[], true).await?;
        report.transactions += results.len() as u32;
        let (done, after) = rest.split_at(results.len());
        rest = after;
        match results.pop() {
            Some(Err(e)) if already_done(&e) => {
                for ix in done.last().expect("one sent per result") {
                    report.transactions += 1;
                    match chain.send(std::slice::from_ref(ix), &[]).await {
                        Ok(()) => {}
                        Err(e) if already_done(&e) => report.already_done += 1,
                        Err(e) => return Err(e),
                    }
                }
            }
            Some(Err(e)) => return Err(e),
            Some(Ok(())) => {}
            None => {
                return Err(ChainError::Local(
                    "the chain sent none of a plan's batches".into(),
                ))
            }
        }
    }
    Ok(report)
}
