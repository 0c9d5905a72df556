//! F1 of the second review and the deployer check: every account a program creates sits at an
//! address anyone can predict, and lamports sent there first must not block its creation; and
//! only a program's upgrade authority (the deployer) can run its one-time initialisation.

use anchor_lang::prelude::Pubkey;
use anchor_lang::solana_program::system_instruction;
use central_bank::{
    errors::CentralBankError as CbE,
    state::{GovernanceAction, RoleKind},
};
use grid_market::errors::GridMarketError as GmE;
use marketplace::{errors::MarketplaceError as MkE, state::Pool};
use solana_sdk::{signature::Keypair, signer::Signer};
use sourceenergy_sdk::{
    community::CommunityKeys,
    grid_market as gm,
    household::HouseholdKeys,
    marketplace::{self as mk, OfferKeys},
    pda,
};
use sourceenergy_tests::*;

/// 0.001 SOL sent ahead to each address, as in the review's finding.
const BAIT: u64 = 1_000_000;

async fn prefund(f: &mut Fixture, addresses: &[Pubkey]) {
    let ixs: Vec<_> = addresses
        .iter()
        .map(|a| system_instruction::transfer(&f.payer(), a, BAIT))
        .collect();
    assert_success(f.send(&ixs, &[]).await);
}

/// Each address holds what was sent there plus the rest of its rent, and is the program's now.
async fn created(f: &mut Fixture, addresses: &[Pubkey], owner: Pubkey) {
    for a in addresses {
        let account = f.raw_account(*a).await.expect("created");
        assert_eq!(account.owner, owner, "{a}");
        assert!(account.lamports > BAIT, "{a}");
    }
}

#[tokio::test]
async fn only_the_deployer_initialises_and_fixed_addresses_cannot_be_blocked() {
    let f = &mut Fixture::new().await;
    let stranger = f.actor().await;
    let singletons = [
        pda::governance(),
        pda::policy(),
        pda::reserve(),
        pda::market(),
        pda::carbon_registry(),
    ];
    let token_accounts = [
        pda::currency_mint(),
        pda::collateral_vault(),
        pda::surplus_vault(),
        pda::savings_vault(),
        pda::energy_credit_mint(),
        pda::revenue_vault(),
        pda::carbon_mint(),
    ];
    prefund(f, &singletons).await;
    prefund(f, &token_accounts).await;

    // A stranger signing as its own authority, and one naming another program's ProgramData.
    let args = f.initialize_args();
    let ix = f
        .bank
        .initialize(stranger.pubkey(), stranger.pubkey(), args.clone());
    assert_error(f.send(&[ix], &[&stranger]).await, CbE::NotUpgradeAuthority);
    let mut ix = f.bank.initialize(f.payer(), f.payer(), args);
    ix.accounts[2].pubkey = pda::program_data(&grid_market::ID);
    assert_error(f.send(&[ix], &[]).await, AnchorError::ConstraintSeeds);
    assert!(f.raw_account(pda::governance()).await.unwrap().owner != central_bank::ID);
    // The deployer.
    f.initialize().await;
    let provider = f.provider.pubkey();
    f.enact(GovernanceAction::ApproveKycProvider { provider })
        .await;

    let ix = gm::init_market(stranger.pubkey(), stranger.pubkey());
    assert_error(f.send(&[ix], &[&stranger]).await, GmE::NotUpgradeAuthority);
    assert_success(f.send(&[gm::init_market(f.payer(), f.payer())], &[]).await);
    let ix = mk::init_carbon_registry(stranger.pubkey(), stranger.pubkey());
    assert_error(f.send(&[ix], &[&stranger]).await, MkE::NotUpgradeAuthority);
    assert_success(
        f.send(&[mk::init_carbon_registry(f.payer(), f.payer())], &[])
            .await,
    );
    assert_error(
        f.send(&[gm::init_market(f.payer(), f.payer())], &[]).await,
        GmE::AlreadyInitialized,
    );

    for (a, owner) in [
        (pda::governance(), central_bank::ID),
        (pda::policy(), central_bank::ID),
        (pda::reserve(), central_bank::ID),
        (pda::market(), grid_market::ID),
        (pda::carbon_registry(), marketplace::ID),
    ] {
        created(f, &[a], owner).await;
    }
    created(f, &token_accounts[..1], TOKEN).await;
    // The collateral vault is under the collateral mint's program (classic SPL Token here).
    let collateral_program = f.bank.collateral_token_program;
    created(f, &token_accounts[1..2], collateral_program).await;
    created(f, &token_accounts[2..], TOKEN).await;
    // The vaults work: the reserve swaps collateral into currency through them.
    let u = f.user(10 * UNIT).await;
    assert_success(f.mint_currency(&u, UNIT).await);
    assert_eq!(
        f.balance(u.currency).await,
        UNIT - 1_000,
        "less the 10 bps fee"
    );
}

/// The review's F1 list, and every other record or vault at an address someone else can
/// predict: each pre-funded, each still created.
#[tokio::test]
async fn pre_funded_addresses_do_not_block_any_creation() {
    let f = &mut Fixture::bootstrap().await;

    // Governance records created by executing a passed proposal, pre-funded in its timelock.
    let subject = Keypair::new().pubkey();
    let provider = Keypair::new().pubkey();
    prefund(
        f,
        &[
            pda::role(RoleKind::MeterRegistrar, &subject),
            pda::kyc_provider(&provider),
        ],
    )
    .await;
    f.enact(GovernanceAction::GrantRole {
        role: RoleKind::MeterRegistrar,
        subject,
    })
    .await;
    f.enact(GovernanceAction::ApproveKycProvider { provider })
        .await;
    created(
        f,
        &[
            pda::role(RoleKind::MeterRegistrar, &subject),
            pda::kyc_provider(&provider),
        ],
        central_bank::ID,
    )
    .await;
    assert_error(
        f.try_enact(GovernanceAction::GrantRole {
            role: RoleKind::MeterRegistrar,
            subject,
        })
        .await,
        CbE::RoleExists,
    );

    // A wallet's savings position and trader record.
    let u = f.user(100 * UNIT).await;
    let own = [pda::savings_position(&u.pubkey()), pda::trader(&u.pubkey())];
    prefund(f, &own).await;
    let ixs = [f.bank.open_savings(u.pubkey()), mk::open_trader(u.pubkey())];
    assert_success(f.send(&ixs, &[&u.key]).await);
    created(f, &own[..1], central_bank::ID).await;
    created(f, &own[1..], marketplace::ID).await;

    // A listed asset's only pool: the pool, both vaults, the LP mint and the creator's LP
    // account; then the pool trades.
    let keys = f.listed_asset(6, TOKEN).await;
    let maker = f.trader(&keys, 101 * UNIT, 101 * UNIT).await;
    let pool_addresses = [
        keys.pool(),
        keys.asset_vault(),
        keys.currency_vault(),
        keys.lp_mint(),
        keys.lp_account(&maker.user.pubkey()),
    ];
    prefund(f, &pool_addresses).await;
    f.create_pool(&keys, &maker, 100 * UNIT, 100 * UNIT, 25)
        .await;
    created(f, &pool_addresses[..1], marketplace::ID).await;
    created(f, &pool_addresses[1..], TOKEN).await;
    assert_eq!(
        f.balance(keys.lp_account(&maker.user.pubkey())).await,
        100 * UNIT - 1_000
    );
    let ix = keys.swap(&maker.holdings, true, UNIT, 1);
    assert_success(f.send(&[ix], &[&maker.user.key]).await);
    let pool: Pool = f.account(keys.pool()).await;
    assert_eq!(pool.currency_reserve, 100 * UNIT + UNIT - 3_000);
    // A second pool for the asset is refused with its own error.
    let args = marketplace::instructions::CreatePoolArgs {
        asset_amount: UNIT,
        currency_amount: UNIT,
        lp_fee_bps: 25,
    };
    assert_error(
        f.send(
            &[keys.create_pool(&maker.holdings, args)],
            &[&maker.user.key],
        )
        .await,
        MkE::PoolExists,
    );

    // An offer at a guessable id, and its escrow.
    let offer = OfferKeys {
        maker: maker.user.pubkey(),
        id: 1,
        sell_mint: keys.asset_mint,
        sell_token_program: TOKEN,
        buy_mint: pda::currency_mint(),
        buy_token_program: TOKEN,
    };
    prefund(f, &[offer.offer(), offer.vault()]).await;
    let expires = f.now().await + 3_600;
    let ix = offer.make(maker.holdings.asset, UNIT, UNIT, expires);
    assert_success(f.send(&[ix], &[&maker.user.key]).await);
    created(f, &[offer.offer()], marketplace::ID).await;
    assert_eq!(f.balance(offer.vault()).await, UNIT);

    // A community (its vault and share mint) and a project; a household trust and its vault.
    let manager = f.actor().await;
    f.enact(GovernanceAction::GrantRole {
        role: RoleKind::CommunityRegistrar,
        subject: manager.pubkey(),
    })
    .await;
    let c = CommunityKeys {
        id: Keypair::new().pubkey(),
    };
    prefund(f, &[c.community(), c.vault(), c.share_mint()]).await;
    assert_success(
        f.send(&[c.create(manager.pubkey(), 500)], &[&manager])
            .await,
    );
    created(f, &[c.community()], community::ID).await;
    created(f, &[c.vault(), c.share_mint()], TOKEN).await;
    let h = HouseholdKeys {
        id: Keypair::new().pubkey(),
    };
    prefund(f, &[h.household(), h.vault()]).await;
    let ix = h.create(f.payer(), vec![manager.pubkey()], 1, 0);
    assert_success(f.send(&[ix], &[]).await);
    created(f, &[h.household()], household::ID).await;
    created(f, &[h.vault()], TOKEN).await;
}
