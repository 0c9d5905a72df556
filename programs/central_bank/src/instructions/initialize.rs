use anchor_lang::{prelude::*, solana_program::bpf_loader_upgradeable};
use anchor_spl::{
    token_2022::Token2022,
    token_interface::{Mint, TokenInterface},
};

use crate::{errors::CentralBankError, events::InitializeEvent, seeds, state::*};

/// The first council and policy.
#[derive(AnchorSerialize, AnchorDeserialize, Clone)]
pub struct InitializeArgs {
    /// Council member keys, 1 to 10, distinct.
    pub council: Vec<Pubkey>,
    /// Approvals a proposal needs, 1 to the council size.
    pub threshold: u8,
    /// Seconds between reaching the threshold and execution, at most 30 days.
    pub timelock_secs: u32,
    /// The first policy (validated like a `SetPolicy`).
    pub policy: PolicyParams,
}

/// Creates governance, policy, reserve, the currency mint and the reserve vaults. Runs once,
/// signed by the program's upgrade authority (the deployer), so nobody else can install their
/// own council and policy between deployment and initialisation. Every account sits at a fixed
/// address and is created by `se_anchor`, which lamports sent there first cannot block.
#[derive(Accounts)]
pub struct Initialize<'info> {
    #[account(mut)]
    pub payer: Signer<'info>,
    /// The program's upgrade authority.
    pub authority: Signer<'info>,
    /// The program's ProgramData account, which names its upgrade authority.
    #[account(
        seeds = [crate::ID.as_ref()], bump, seeds::program = bpf_loader_upgradeable::ID,
        constraint = program_data.upgrade_authority_address == Some(authority.key())
            @ CentralBankError::NotUpgradeAuthority,
    )]
    pub program_data: Account<'info, ProgramData>,
    /// CHECK: created here (`se_anchor::create_pda`).
    #[account(mut, seeds = [seeds::GOVERNANCE], bump)]
    pub governance: UncheckedAccount<'info>,
    /// CHECK: created here (`se_anchor::create_pda`).
    #[account(mut, seeds = [seeds::POLICY], bump)]
    pub policy: UncheckedAccount<'info>,
    /// CHECK: created here (`se_anchor::create_pda`).
    #[account(mut, seeds = [seeds::RESERVE], bump)]
    pub reserve: UncheckedAccount<'info>,
    /// CHECK: created here: the currency, `CURRENCY_DECIMALS`, the reserve its mint and freeze
    /// authority (`se_anchor::create_mint`).
    #[account(mut, seeds = [seeds::CURRENCY_MINT], bump)]
    pub currency_mint: UncheckedAccount<'info>,
    #[account(mint::token_program = collateral_token_program)]
    pub collateral_mint: Box<InterfaceAccount<'info, Mint>>,
    /// CHECK: created here, the reserve's collateral account (`se_anchor::create_token_account`).
    #[account(mut, seeds = [seeds::COLLATERAL_VAULT], bump)]
    pub collateral_vault: UncheckedAccount<'info>,
    /// CHECK: created here, the reserve's currency surplus (`se_anchor::create_token_account`).
    #[account(mut, seeds = [seeds::SURPLUS_VAULT], bump)]
    pub surplus_vault: UncheckedAccount<'info>,
    /// CHECK: created here, the savers' currency (`se_anchor::create_token_account`).
    #[account(mut, seeds = [seeds::SAVINGS_VAULT], bump)]
    pub savings_vault: UncheckedAccount<'info>,
    pub currency_token_program: Program<'info, Token2022>,
    pub collateral_token_program: Interface<'info, TokenInterface>,
    pub system_program: Program<'info, System>,
}

pub fn handle_initialize(ctx: Context<Initialize>, args: InitializeArgs) -> Result<()> {
    args.policy.validate()?;
    let a = &ctx.accounts;
    let b = &ctx.bumps;
    require!(
        a.collateral_mint.decimals == CURRENCY_DECIMALS,
        CentralBankError::CollateralDecimalsMismatch
    );
    let now = Clock::get()?.unix_timestamp;

    let mut governance = Governance {
        bump: b.governance,
        ..Default::default()
    };
    governance.set_council(&args.council, args.threshold, args.timelock_secs)?;
    governance.invariant()?;
    let policy = Policy {
        bump: b.policy,
        version: 1,
        updated_at: now,
        params: args.policy,
    };
    let reserve = Reserve {
        bump: b.reserve,
        currency_mint: a.currency_mint.key(),
        collateral_mint: a.collateral_mint.key(),
        collateral_token_program: a.collateral_token_program.key(),
        collateral_vault: a.collateral_vault.key(),
        surplus_vault: a.surplus_vault.key(),
        savings_vault: a.savings_vault.key(),
        savings_index: Reserve::new_savings_index(),
        savings_last_accrual: now,
        ..Default::default()
    };
    // Nothing minted yet.
    reserve.invariant(0, args.policy.issuance_cap)?;

    let (payer, system) = (
        a.payer.to_account_info(),
        a.system_program.to_account_info(),
    );
    let exists = || error!(CentralBankError::AlreadyInitialized);
    se_anchor::create_pda(
        &payer,
        &a.governance,
        &system,
        &[seeds::GOVERNANCE, &[b.governance]],
        8 + Governance::INIT_SPACE,
        &governance,
        &crate::ID,
        exists(),
    )?;
    se_anchor::create_pda(
        &payer,
        &a.policy,
        &system,
        &[seeds::POLICY, &[b.policy]],
        8 + Policy::INIT_SPACE,
        &policy,
        &crate::ID,
        exists(),
    )?;
    se_anchor::create_pda(
        &payer,
        &a.reserve,
        &system,
        &[seeds::RESERVE, &[b.reserve]],
        8 + Reserve::INIT_SPACE,
        &reserve,
        &crate::ID,
        exists(),
    )?;
    let currency_program = a.currency_token_program.to_account_info();
    let reserve_key = a.reserve.key();
    se_anchor::create_mint(
        &payer,
        &a.currency_mint,
        &system,
        &[seeds::CURRENCY_MINT, &[b.currency_mint]],
        CURRENCY_DECIMALS,
        &reserve_key,
        Some(&reserve_key),
        &currency_program,
    )?;
    let collateral = a.collateral_mint.to_account_info();
    for (vault, seed, bump, mint, program) in [
        (
            &a.collateral_vault,
            seeds::COLLATERAL_VAULT,
            b.collateral_vault,
            &collateral,
            a.collateral_token_program.to_account_info(),
        ),
        (
            &a.surplus_vault,
            seeds::SURPLUS_VAULT,
            b.surplus_vault,
            &a.currency_mint.to_account_info(),
            currency_program.clone(),
        ),
        (
            &a.savings_vault,
            seeds::SAVINGS_VAULT,
            b.savings_vault,
            &a.currency_mint.to_account_info(),
            currency_program.clone(),
        ),
    ] {
        se_anchor::create_token_account(
            &payer,
            vault,
            &system,
            &[seed, &[bump]],
            mint,
            &a.reserve,
            &program,
        )?;
    }

    emit_event!(InitializeEvent {
        currency_mint: reserve.currency_mint,
        collateral_mint: reserve.collateral_mint,
        council_size: governance.member_count,
        threshold: governance.threshold,
    });
    Ok(())
}
