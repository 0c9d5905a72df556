use anchor_lang::prelude::*;

use super::execute::*;
use crate::{errors::CentralBankError, events::RoleEvent, seeds, state::*};

#[derive(Accounts)]
#[instruction(role: RoleKind, subject: Pubkey)]
pub struct ExecuteGrantRole<'info> {
    pub exec: ExecuteProposal<'info>,
    /// CHECK: created here by `se_anchor::create_pda` (its address is predictable, so
    /// pre-funding it during the timelock must not block a passed proposal).
    #[account(mut, seeds = [seeds::ROLE, &role.seed(), subject.as_ref()], bump)]
    pub role_record: UncheckedAccount<'info>,
    pub system_program: Program<'info, System>,
}

pub fn handle_execute_grant_role(
    ctx: Context<ExecuteGrantRole>,
    role: RoleKind,
    subject: Pubkey,
) -> Result<()> {
    let action = ctx.accounts.exec.execute()?;
    require!(
        action == GovernanceAction::GrantRole { role, subject },
        CentralBankError::WrongAction
    );
    let a = &ctx.accounts;
    let record = Role {
        bump: ctx.bumps.role_record,
        role,
        subject,
        granted_at: Clock::get()?.unix_timestamp,
        proposal: a.exec.proposal.index,
    };
    se_anchor::create_pda(
        &a.exec.executor.to_account_info(),
        &a.role_record,
        &a.system_program.to_account_info(),
        &[seeds::ROLE, &role.seed(), subject.as_ref(), &[record.bump]],
        8 + Role::INIT_SPACE,
        &record,
        &crate::ID,
        CentralBankError::RoleExists.into(),
    )?;
    emit_event!(RoleEvent {
        role,
        subject,
        granted: true,
    });
    Ok(())
}
