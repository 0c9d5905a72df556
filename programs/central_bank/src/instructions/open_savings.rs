use anchor_lang::prelude::*;

use crate::{errors::CentralBankError, seeds, state::*};

/// Opens the wallet's savings position.
#[derive(Accounts)]
pub struct OpenSavings<'info> {
    #[account(mut)]
    pub owner: Signer<'info>,
    /// CHECK: created here by `se_anchor::create_pda` (its address is predictable, so
    /// pre-funding it must not keep the wallet from saving).
    #[account(mut, seeds = [seeds::SAVINGS_POSITION, owner.key().as_ref()], bump)]
    pub position: UncheckedAccount<'info>,
    pub system_program: Program<'info, System>,
}

pub fn handle_open_savings(ctx: Context<OpenSavings>) -> Result<()> {
    let a = &ctx.accounts;
    let position = SavingsPosition {
        bump: ctx.bumps.position,
        owner: a.owner.key(),
        shares: 0,
        deposited: 0,
        withdrawn: 0,
    };
    se_anchor::create_pda(
        &a.owner.to_account_info(),
        &a.position,
        &a.system_program.to_account_info(),
        &[
            seeds::SAVINGS_POSITION,
            position.owner.as_ref(),
            &[position.bump],
        ],
        8 + SavingsPosition::INIT_SPACE,
        &position,
        &crate::ID,
        CentralBankError::SavingsPositionExists.into(),
    )
}
