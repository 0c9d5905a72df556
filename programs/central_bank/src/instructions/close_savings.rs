use anchor_lang::prelude::*;

use crate::{errors::CentralBankError, seeds, state::*};

#[derive(Accounts)]
pub struct CloseSavings<'info> {
    #[account(mut)]
    pub owner: Signer<'info>,
    #[account(
        mut, close = owner, has_one = owner,
        seeds = [seeds::SAVINGS_POSITION, owner.key().as_ref()], bump = position.bump,
    )]
    pub position: Box<Account<'info, SavingsPosition>>,
}

pub fn handle_close_savings(ctx: Context<CloseSavings>) -> Result<()> {
    require!(
        ctx.accounts.position.shares == 0,
        CentralBankError::PositionNotEmpty
    );
    Ok(())
}
