use anchor_lang::prelude::*;

use super::execute::*;
use crate::{errors::CentralBankError, events::RoleEvent, seeds, state::*};

/// Revocation closes the role record, so a plain owner + seeds read no longer finds it.
#[derive(Accounts)]
pub struct ExecuteRevokeRole<'info> {
    pub exec: ExecuteProposal<'info>,
    #[account(
        mut,
        seeds = [seeds::ROLE, &role_record.role.seed(), role_record.subject.as_ref()], bump = role_record.bump,
    )]
    pub role_record: Box<Account<'info, Role>>,
}

pub fn handle_execute_revoke_role(ctx: Context<ExecuteRevokeRole>) -> Result<()> {
    let (role, subject) = (
        ctx.accounts.role_record.role,
        ctx.accounts.role_record.subject,
    );
    let action = ctx.accounts.exec.execute()?;
    require!(
        action == GovernanceAction::RevokeRole { role, subject },
        CentralBankError::WrongAction
    );
    ctx.accounts
        .role_record
        .close(ctx.accounts.exec.executor.to_account_info())?;
    emit_event!(RoleEvent {
        role,
        subject,
        granted: false,
    });
    Ok(())
}
