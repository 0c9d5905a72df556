use anchor_lang::prelude::*;

use super::execute::*;
use crate::{errors::CentralBankError, events::RoleEvent, seeds, state::*};

#[derive(Accounts)]
#[instruction(role: RoleKind, subject: Pubkey)]
pub struct ExecuteGrantRole<'info> {
    pub exec: ExecuteProposal<'info>,
    #[account(
        init, payer = exec.executor, space = 8 + Role::INIT_SPACE,
        seeds = [seeds::ROLE, &role.seed(), subject.as_ref()], bump,
    )]
    pub role_record: Box<Account<'info, Role>>,
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
    let record = &mut ctx.accounts.role_record;
    record.bump = ctx.bumps.role_record;
    record.role = role;
    record.subject = subject;
    record.granted_at = Clock::get()?.unix_timestamp;
    record.proposal = ctx.accounts.exec.proposal.index;
    emit_event!(RoleEvent {
        role,
        subject,
        granted: true,
    });
    Ok(())
}

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
