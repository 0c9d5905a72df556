//! Runs the example as the README says, against `sourceenergy localnet --economy`, and checks
//! what it printed against the chain.

use std::{net::TcpListener, process::Command};

use anchor_spl::token_2022;
use grid_market::state::{Contributor, Epoch, EpochStatus};
use solana_sdk::signature::Keypair;
use sourceenergy::commands::localnet::{start, Args, Started};
use sourceenergy_sdk::{chain::Chain, pda, rpc::RpcChain, tokens};

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// The text after `label: ` on the line that starts with it.
fn field<'a>(out: &'a str, label: &str) -> &'a str {
    out.lines()
        .find_map(|l| l.strip_prefix(&format!("{label}: ")))
        .unwrap_or_else(|| panic!("no `{label}` line in:\n{out}"))
}

/// The whole number that starts the `label` line.
fn number(out: &str, label: &str) -> u64 {
    field(out, label).split(' ').next().unwrap().parse().unwrap()
}

/// "1199.827271" (six decimals, as the example prints amounts) in base units.
fn units(text: &str) -> u64 {
    let (whole, frac) = text.split_once('.').expect("six decimals");
    assert_eq!(frac.len(), 6, "{text}");
    whole.parse::<u64>().unwrap() * 1_000_000 + frac.parse::<u64>().unwrap()
}

/// `sourceenergy localnet --economy --out <temp dir>` on free ports, as a user starts it.
async fn economy_node(name: &str) -> (Started, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("se-{name}-{}", std::process::id()));
    let args = Args {
        port: free_port(),
        ws_port: free_port(),
        payer_out: dir.join("localnet-payer.json"),
        economy: true,
        out: dir.clone(),
        ledger: dir.join("ledger"),
        reset: true,
    };
    (start(&args).await.expect("localnet --economy starts"), dir)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dashboard_and_claim_prints_the_chain_and_claims_revenue() {
    let (started, dir) = economy_node("example").await;
    let economy = started.economy.as_ref().expect("economy manifest");
    let mut chain = RpcChain::new(&started.node.rpc_url, Keypair::new());

    // A member with revenue waiting in a settled epoch (the economy leaves the last one unclaimed).
    let mut chosen = None;
    for m in &economy.members {
        let wallet: anchor_lang::prelude::Pubkey = m.wallet.parse().unwrap();
        let c: Option<Contributor> =
            chain.read(&pda::contributor(&pda::member(&wallet))).await.unwrap();
        let mut waiting = 0;
        for slot in c.iter().flat_map(|c| c.open).filter(|s| s.epoch_plus_one > 0 && !s.claimed) {
            let e: Option<Epoch> = chain.read(&pda::epoch(slot.epoch_plus_one - 1)).await.unwrap();
            waiting += u64::from(e.is_some_and(|e| e.status == EpochStatus::Settled));
        }
        if waiting > 0 {
            chosen = Some((m, wallet, waiting));
            break;
        }
    }
    let (member, wallet, waiting) = chosen.expect("a member with unclaimed settled revenue");

    // As the README runs it: the member's keypair file, then the node's URLs.
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_dashboard_and_claim"))
            .arg(&member.keypair)
            .args([&started.node.rpc_url, &started.node.ws_url])
            .output()
            .expect("the example runs")
    };
    let out = run();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    println!("{stdout}");

    // The dashboard numbers are the chain's.
    let market: grid_market::state::Market = chain.read(&pda::market()).await.unwrap().unwrap();
    let now = chain.now().await.unwrap();
    let epoch = number(&stdout, "epoch");
    assert!((market.epoch_at(now).saturating_sub(1)..=market.epoch_at(now)).contains(&epoch));
    let settled = *economy.settled_epochs.iter().max().unwrap();
    let e: Epoch = chain.read(&pda::epoch(settled)).await.unwrap().unwrap();
    assert_eq!(number(&stdout, "clearing price"), e.clearing_price);
    assert!(stdout.contains(&format!("(epoch {settled}, ")), "{stdout}");
    let reserve: central_bank::state::Reserve = chain.read(&pda::reserve()).await.unwrap().unwrap();
    assert_eq!(units(field(&stdout, "reserve collateral")), reserve.collateral_held);
    assert_eq!(units(field(&stdout, "currency issued")), reserve.issued_outstanding);

    // It claimed every waiting epoch; the balance rose by what the events say was paid.
    assert_eq!(number(&stdout, "claimed epochs"), waiting);
    let events: Vec<&str> = stdout.lines().filter(|l| l.starts_with("event: ClaimEvent")).collect();
    assert_eq!(events.len() as u64, waiting, "{stdout}");
    let paid: u64 = events.iter().map(|l| units(l.rsplit(' ').next().unwrap())).sum();
    assert!(paid > 0);
    let currency = pda::associated_token(&wallet, &pda::currency_mint(), &token_2022::ID);
    let now_balance = tokens::amount(&chain.account(&currency).await.unwrap().unwrap().data);
    let (before, after) = field(&stdout, "balance")
        .trim_end_matches(" currency")
        .split_once(" -> ")
        .expect("before -> after");
    let (before, after) = (units(before), units(after));
    assert_eq!(after, now_balance);
    assert_eq!(after - before, paid);

    // Nothing is left to claim: a second run claims none.
    let again = run();
    assert_eq!(number(&String::from_utf8_lossy(&again.stdout), "claimed epochs"), 0);
    started.node.stop();
    let _ = std::fs::remove_dir_all(&dir);
}

/// A failed transaction reaches a Rust caller as program, error name and message, whichever of
/// the six programs refused it (directly or below a CPI): one refusal of each, sent over JSON-RPC
/// by an economy member with its own key, as a dApp would.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_program_error_reaches_the_caller_by_name() {
    use anchor_lang::prelude::Pubkey;
    use central_bank::state::{Governance, GovernanceAction};
    use sourceenergy_sdk::{
        central_bank::CentralBank, community::CommunityKeys, grid_market as gm,
        household::HouseholdKeys, marketplace as mk, member::MemberKeys,
    };

    let (started, dir) = economy_node("errors").await;
    let economy = started.economy.as_ref().expect("economy manifest");
    // One member in a household trust, one investing in a community directly.
    let in_household = economy.members.iter().find(|m| m.household.is_some()).unwrap();
    let on_own = economy.members.iter().find(|m| m.household.is_none()).unwrap();

    let mut refused = Vec::new();
    for (member, which) in [(in_household, "household"), (on_own, "community")] {
        let key = sourceenergy::bootstrap::read_keypair(&member.keypair).unwrap();
        let mut chain = RpcChain::new(&started.node.rpc_url, key.insecure_clone());
        let wallet: Pubkey = member.wallet.parse().unwrap();
        let currency = pda::associated_token(&wallet, &pda::currency_mint(), &token_2022::ID);
        let keys = MemberKeys { wallet, currency };
        let ixs = if which == "household" {
            let at: Pubkey = member.household.as_ref().unwrap().parse().unwrap();
            let h: household::state::Household = chain.read(&at).await.unwrap().unwrap();
            let household = HouseholdKeys { id: h.id };
            vec![
                // Already in this trust.
                vec![keys.join_household(&household)],
                // Passed by member to household, which refuses it.
                vec![keys.contribute(&household, 0)],
            ]
        } else {
            let at: Pubkey = member.community.parse().unwrap();
            let c: community::state::Community = chain.read(&at).await.unwrap().unwrap();
            let gov: Governance = chain.read(&pda::governance()).await.unwrap().unwrap();
            let bank = CentralBank {
                collateral_mint: Pubkey::default(),
                collateral_token_program: anchor_spl::token::ID,
            };
            let action = GovernanceAction::ApproveKycProvider { provider: wallet };
            let pool = mk::PoolKeys {
                asset_mint: pda::energy_credit_mint(),
                asset_token_program: token_2022::ID,
            };
            let holdings = mk::Holdings {
                owner: wallet,
                asset: pda::associated_token(&wallet, &pda::energy_credit_mint(), &token_2022::ID),
                currency,
            };
            let market: grid_market::state::Market =
                chain.read(&pda::market()).await.unwrap().unwrap();
            let future = market.epoch_at(chain.now().await.unwrap()) + 5;
            vec![
                // Passed by member to community, which refuses it.
                vec![keys.invest(&CommunityKeys { id: c.id }, 0)],
                // Not a council member.
                vec![bank.propose(wallet, gov.proposal_count, action)],
                // Epochs open in order, at their time.
                vec![gm::open_epoch(wallet, future)],
                // A minimum no pool can pay.
                vec![pool.swap(&holdings, true, 1_000, u64::MAX)],
            ]
        };
        for ix in ixs {
            let err = chain.send(&ix, &[]).await.expect_err("refused");
            refused.push(err.to_string());
        }
    }
    let expect = [
        "member AlreadyAffiliated (11006): The member already belongs to a household or community of this kind",
        "household ZeroAmount (10001): Amount must be greater than zero",
        "community ZeroAmount (9001): Amount must be greater than zero",
        "central_bank NotCouncilMember (6004): Signer is not a council member",
        "grid_market WrongEpoch (8008): Epoch index is not the current one",
        "marketplace SlippageExceeded (7002): Output is below the caller's minimum",
    ];
    let expect: Vec<String> = expect.iter().map(|e| format!("transaction failed: {e}")).collect();
    assert_eq!(refused, expect);
    started.node.stop();
    let _ = std::fs::remove_dir_all(&dir);
}
