use anchor_lang::prelude::*;

use crate::{seeds, state::*};

#[derive(Accounts)]
pub struct OpenSavings<'info> {
    #[account(mut)]
    pub owner: Signer<'info>,
    #[account(
        init, payer = owner, space = 8 + SavingsPosition::INIT_SPACE,
        seeds = [seeds::SAVINGS_POSITION, owner.key().as_ref()], bump,
    )]
    pub position: Box<Account<'info, SavingsPosition>>,
    pub system_program: Program<'info, System>,
}

pub fn handle_open_savings(ctx: Context<OpenSavings>) -> Result<()> {
    let position = &mut ctx.accounts.position;
    position.bump = ctx.bumps.position;
    position.owner = ctx.accounts.owner.key();
    Ok(())
}
