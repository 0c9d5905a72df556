use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

use crate::{errors::CentralBankError, events::SupportEvent, seeds, state::*, token_ops};

/// Lends reserve tokens to the marketplace for price stabilisation. Only the marketplace's
/// authority PDA may sign, and the currency value lent per period is capped by policy.
/// Currency comes from the surplus vault; other tokens from a reserve-owned account, never the
/// collateral or savings vaults.
#[derive(Accounts)]
pub struct SupportMarket<'info> {
    pub market_authority: Signer<'info>,
    #[account(seeds = [seeds::POLICY], bump = policy.bump)]
    pub policy: Box<Account<'info, Policy>>,
    #[account(mut, seeds = [seeds::RESERVE], bump = reserve.bump)]
    pub reserve: Box<Account<'info, Reserve>>,
    #[account(mint::token_program = token_program)]
    pub mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut, token::mint = mint, token::authority = reserve, token::token_program = token_program)]
    pub source: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(mut, token::mint = mint, token::authority = market_authority, token::token_program = token_program)]
    pub destination: Box<InterfaceAccount<'info, TokenAccount>>,
    pub token_program: Interface<'info, TokenInterface>,
}

/// `value` is the currency value of `amount`: equal to it for the currency; for another token
/// the marketplace prices it (the one caller central_bank trusts for this).
pub fn handle_support_market(ctx: Context<SupportMarket>, amount: u64, value: u64) -> Result<()> {
    let a = &mut *ctx.accounts;
    let (authority, _) =
        Pubkey::find_program_address(&[seeds::MARKET_AUTHORITY], &seeds::MARKETPLACE_ID);
    require_keys_eq!(
        a.market_authority.key(),
        authority,
        CentralBankError::NotMarketAuthority
    );
    require!(amount > 0, CentralBankError::ZeroAmount);
    // Collateral backs the currency and savings belong to savers: never lendable.
    require!(
        a.source.key() != a.reserve.collateral_vault && a.source.key() != a.reserve.savings_vault,
        CentralBankError::InvalidCurrencySupport
    );
    if a.mint.key() == a.reserve.currency_mint {
        require_keys_eq!(
            a.source.key(),
            a.reserve.surplus_vault,
            CentralBankError::InvalidPolicyAccount
        );
        require!(value == amount, CentralBankError::WrongAction);
    }
    let params = a.policy.params;
    let now = Clock::get()?.unix_timestamp;
    a.reserve.use_support(
        value,
        now,
        params.reserve_support_cap,
        params.reserve_support_period_secs,
    )?;
    let seeds = token_ops::reserve_seeds(&a.reserve);
    se_anchor::transfer(
        &a.token_program.to_account_info(),
        &a.source,
        &a.mint,
        &a.destination.to_account_info(),
        &a.reserve.to_account_info(),
        amount,
        &[&seeds],
    )?;
    emit_event!(SupportEvent {
        mint: a.mint.key(),
        amount,
        value,
        used_in_period: a.reserve.support_used,
    });
    // Only the support counters changed. The reserve's invariant needs the currency's supply,
    // which is among these accounts only when the currency is what was lent.
    if a.mint.key() == a.reserve.currency_mint {
        a.reserve.invariant(a.mint.supply, params.issuance_cap)?;
    }
    Ok(())
}
