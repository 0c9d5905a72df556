use anchor_lang::prelude::*;
use anchor_spl::{
    token_2022::Token2022,
    token_interface::{Mint, TokenAccount},
};

use super::execute::*;
use crate::{errors::CentralBankError, events::IssueCurrencyEvent, seeds, state::*, token_ops};

#[derive(Accounts)]
pub struct ExecuteIssueCurrency<'info> {
    pub exec: ExecuteProposal<'info>,
    #[account(seeds = [seeds::POLICY], bump = policy.bump)]
    pub policy: Box<Account<'info, Policy>>,
    #[account(mut, seeds = [seeds::RESERVE], bump = reserve.bump, has_one = currency_mint)]
    pub reserve: Box<Account<'info, Reserve>>,
    #[account(mut)]
    pub currency_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut, token::mint = currency_mint, token::token_program = currency_token_program)]
    pub recipient: Box<InterfaceAccount<'info, TokenAccount>>,
    pub currency_token_program: Program<'info, Token2022>,
}

/// Mints unbacked currency to the proposal's recipient, within the policy issuance cap.
pub fn handle_execute_issue_currency(ctx: Context<ExecuteIssueCurrency>) -> Result<()> {
    let GovernanceAction::IssueCurrency { recipient, amount } = ctx.accounts.exec.execute()? else {
        return err!(CentralBankError::WrongAction);
    };
    require_keys_eq!(
        recipient,
        ctx.accounts.recipient.key(),
        CentralBankError::WrongAction
    );
    let cap = ctx.accounts.policy.params.issuance_cap;
    let reserve = &mut ctx.accounts.reserve;
    let issued = se_math::checked_add(reserve.issued_outstanding, amount)
        .map_err(|_| error!(CentralBankError::IssuanceCapExceeded))?;
    require!(issued <= cap, CentralBankError::IssuanceCapExceeded);
    reserve.issued_outstanding = issued;

    token_ops::mint_currency_to(
        &ctx.accounts.currency_token_program.to_account_info(),
        reserve,
        &ctx.accounts.currency_mint,
        &ctx.accounts.recipient.to_account_info(),
        amount,
    )?;
    ctx.accounts.currency_mint.reload()?;
    reserve.invariant(ctx.accounts.currency_mint.supply, cap)?;
    emit_event!(IssueCurrencyEvent {
        recipient,
        amount,
        issued_outstanding: issued,
    });
    Ok(())
}
