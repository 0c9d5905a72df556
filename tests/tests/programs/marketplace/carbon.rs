//! Environmental assets: energy credits -> carbon credits at the policy emission factor, and
//! permanent retirement records.

use anchor_lang::prelude::Pubkey;
use central_bank::{errors::CentralBankError as CbE, state::GovernanceAction};
use marketplace::{
    errors::MarketplaceError as E,
    state::{CarbonRegistry, Retirement},
};
use solana_sdk::signer::Signer;
use sourceenergy_sdk::{
    marketplace::{convert_energy, init_carbon_registry, retire_carbon, PoolKeys},
    pda,
};
use sourceenergy_tests::*;

/// A bank with the carbon registry and a user holding `wh` energy credits, with both accounts.
async fn setup(wh: u64) -> (Fixture, User, Pubkey, Pubkey) {
    let mut f = Fixture::bootstrap().await;
    let energy = f.install_energy_credit_mint().await;
    assert_success(
        f.send(&[init_carbon_registry(f.payer(), f.payer())], &[])
            .await,
    );
    let u = f.user(0).await;
    let energy_keys = PoolKeys {
        asset_mint: energy,
        asset_token_program: TOKEN,
    };
    let owner_energy = f.fund_asset(&energy_keys, &u.pubkey(), wh).await;
    let owner_carbon = f.ata(&u.pubkey(), &pda::carbon_mint(), TOKEN).await;
    (f, u, owner_energy, owner_carbon)
}

#[tokio::test]
async fn conversion_burns_energy_credits_at_the_emission_factor() {
    let (f, u, energy, carbon) = &mut setup(20_000).await;
    // floor(12,345 Wh * 400 g/kWh / 1,000) = 4,938 g
    let ix = convert_energy(u.pubkey(), *energy, *carbon, 12_345);
    assert_success(f.send(&[ix], &[&u.key]).await);
    assert_eq!(f.balance(*carbon).await, 4_938);
    assert_eq!(f.balance(*energy).await, 20_000 - 12_345);
    assert_eq!(
        f.supply(pda::energy_credit_mint()).await,
        20_000 - 12_345,
        "burned, not moved"
    );
    assert_eq!(f.supply(pda::carbon_mint()).await, 4_938);
    let r: CarbonRegistry = f.account(pda::carbon_registry()).await;
    assert_eq!((r.converted_wh, r.minted_g), (12_345, 4_938));

    // A governance change of the emission factor applies to the next conversion.
    let mut params = default_policy();
    params.emission_factor_g_per_kwh = 250;
    f.enact(GovernanceAction::SetPolicy { params }).await;
    let ix = convert_energy(u.pubkey(), *energy, *carbon, 7_655);
    assert_success(f.send(&[ix], &[&u.key]).await);
    assert_eq!(f.balance(*carbon).await, 4_938 + 1_913); // floor(1,913.75)
                                                         // The credits are gone: converting them again fails in Token-2022 itself.
    let ix = convert_energy(u.pubkey(), *energy, *carbon, 1_000);
    assert_instruction_error(
        f.send(&[ix], &[&u.key]).await,
        solana_sdk::instruction::InstructionError::Custom(
            anchor_spl::token_2022::spl_token_2022::error::TokenError::InsufficientFunds as u32,
        ),
    );
}

#[tokio::test]
async fn dust_and_unattested_conversions_are_rejected() {
    let (f, u, energy, carbon) = &mut setup(1_000).await;
    // 2 Wh * 400 / 1,000 = 0.8 g: nothing to mint, so nothing is burned.
    let ix = convert_energy(u.pubkey(), *energy, *carbon, 2);
    assert_error(f.send(&[ix], &[&u.key]).await, E::ZeroAmount);
    let provider = f.provider.insecure_clone();
    let revoke = f.bank.revoke_attestation(provider.pubkey(), u.pubkey());
    assert_success(f.send(&[revoke], &[&provider]).await);
    let ix = convert_energy(u.pubkey(), *energy, *carbon, 1_000);
    assert_error(f.send(&[ix], &[&u.key]).await, CbE::AttestationRevoked);
    assert_eq!(f.balance(*energy).await, 1_000);
}

#[tokio::test]
async fn retirement_records_are_permanent_and_serial() {
    let (f, u, energy, carbon) = &mut setup(100_000).await;
    assert_success(
        f.send(
            &[convert_energy(u.pubkey(), *energy, *carbon, 100_000)],
            &[&u.key],
        )
        .await,
    );
    assert_eq!(f.balance(*carbon).await, 40_000);
    let beneficiary = Pubkey::new_unique();
    let now = f.now().await;
    let ix = retire_carbon(
        u.pubkey(),
        *carbon,
        0,
        25_000,
        beneficiary,
        "School roof, 2026".into(),
    );
    assert_success(f.send(&[ix], &[&u.key]).await);
    // Pre-funding the next serial's address does not block the next retirement.
    let prefund = anchor_lang::solana_program::system_instruction::transfer(
        &f.payer(),
        &pda::retirement(1),
        1_000_000,
    );
    assert_success(f.send(&[prefund], &[]).await);
    let ix = retire_carbon(u.pubkey(), *carbon, 1, 15_000, u.pubkey(), String::new());
    assert_success(f.send(&[ix], &[&u.key]).await);

    let first: Retirement = f.account(pda::retirement(0)).await;
    assert_eq!(
        (
            first.serial,
            first.wallet,
            first.beneficiary,
            first.carbon_g
        ),
        (0, u.pubkey(), beneficiary, 25_000)
    );
    assert_eq!(
        (first.reason.as_str(), first.retired_at),
        ("School roof, 2026", now)
    );
    let second: Retirement = f.account(pda::retirement(1)).await;
    assert_eq!((second.serial, second.carbon_g), (1, 15_000));
    let r: CarbonRegistry = f.account(pda::carbon_registry()).await;
    assert_eq!((r.retired_g, r.retirement_count), (40_000, 2));
    assert_eq!(f.supply(pda::carbon_mint()).await, 0);
    assert_eq!(f.balance(*carbon).await, 0);
}

#[tokio::test]
async fn retirement_inputs_and_accounts_are_checked() {
    let (f, u, energy, carbon) = &mut setup(10_000).await;
    assert_success(
        f.send(
            &[convert_energy(u.pubkey(), *energy, *carbon, 10_000)],
            &[&u.key],
        )
        .await,
    );
    let too_long = "x".repeat(65);
    let ix = retire_carbon(u.pubkey(), *carbon, 0, 1_000, u.pubkey(), too_long);
    assert_error(f.send(&[ix], &[&u.key]).await, E::ReasonTooLong);
    let ix = retire_carbon(u.pubkey(), *carbon, 0, 0, u.pubkey(), String::new());
    assert_error(f.send(&[ix], &[&u.key]).await, E::ZeroAmount);
    // The record must sit at the next serial, not one the caller picks.
    let ix = retire_carbon(u.pubkey(), *carbon, 5, 1_000, u.pubkey(), String::new());
    assert_error(f.send(&[ix], &[&u.key]).await, AnchorError::ConstraintSeeds);
    let r: CarbonRegistry = f.account(pda::carbon_registry()).await;
    assert_eq!((r.retired_g, r.retirement_count), (0, 0));
}

#[tokio::test]
async fn the_registry_accepts_only_the_grid_markets_energy_credit_mint() {
    let mut f = Fixture::bootstrap().await;
    let authority = f.collateral_authority.pubkey();
    let impostor = f.create_mint(&authority, 3, TOKEN).await;
    let mut ix = init_carbon_registry(f.payer(), f.payer());
    ix.accounts[5].pubkey = impostor;
    assert_error(f.send(&[ix], &[]).await, AnchorError::ConstraintSeeds);

    // Once bound, conversions must burn that mint.
    f.install_energy_credit_mint().await;
    assert_success(
        f.send(&[init_carbon_registry(f.payer(), f.payer())], &[])
            .await,
    );
    let u = f.user(0).await;
    let keys = PoolKeys {
        asset_mint: impostor,
        asset_token_program: TOKEN,
    };
    let fake_energy = f.fund_asset(&keys, &u.pubkey(), 10_000).await;
    let carbon = f.ata(&u.pubkey(), &pda::carbon_mint(), TOKEN).await;
    let mut ix = convert_energy(u.pubkey(), fake_energy, carbon, 10_000);
    ix.accounts[5].pubkey = impostor;
    assert_error(
        f.send(&[ix], &[&u.key]).await,
        AnchorError::ConstraintHasOne,
    );
    assert_eq!(f.supply(pda::carbon_mint()).await, 0);
}
