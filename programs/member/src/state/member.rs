use anchor_lang::prelude::*;
use central_bank::{checks, state::ActionClass};

use crate::errors::{MathExt, MemberError};

/// What a member may do; its KYC provider may narrow it.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Permission {
    /// Invest in a community, pay into a household, withdraw investments.
    Invest,
    /// Sell energy: readings of the member's meters count.
    SellEnergy,
    /// Receive income: revenue, rewards and household distributions.
    Claim,
}

impl Permission {
    pub const ALL: u8 = 0b111;

    pub fn bit(self) -> u8 {
        1 << self as u8
    }

    /// The central_bank action class whose attestation level the permission requires.
    pub fn class(self) -> ActionClass {
        match self {
            Permission::Invest => ActionClass::Invest,
            Permission::SellEnergy => ActionClass::EnergySale,
            Permission::Claim => ActionClass::Savings,
        }
    }
}

/// A member: one per wallet, and (through central_bank's identity records) one per person.
/// PDA `[MEMBER, wallet]`.
#[account]
#[derive(InitSpace)]
pub struct Member {
    /// PDA bump.
    pub bump: u8,
    /// The attested wallet that signs for the member.
    pub wallet: Pubkey,
    /// Copied from the wallet's central bank attestation.
    pub identity_hash: [u8; 32],
    /// Bit set: bit 0 invest, bit 1 sell energy, bit 2 claim.
    pub permissions: u8,
    /// Affiliations (default key: none).
    pub household: Pubkey,
    /// Community joined directly (default key: none).
    pub community: Pubkey,
    /// Lifetime totals.
    pub metrics: Metrics,
    /// UNIX time created.
    pub created_at: i64,
}

/// Lifetime totals of the member's actions.
#[derive(
    AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, Default, PartialEq, Eq, InitSpace,
)]
pub struct Metrics {
    /// Meters registered with the member as owner.
    pub meters: u32,
    /// Energy of the member's meters, Wh.
    pub energy_wh: u64,
    /// CO2 avoided by it, grams.
    pub co2_avoided_g: u64,
    /// Currency put into communities and households, and taken back out of communities.
    pub invested: u64,
    /// Currency paid into households, base units.
    pub contributed: u64,
    /// Currency taken back out of communities, base units.
    pub divested: u64,
    /// Revenue, rewards and distributions received.
    pub income: u64,
}

impl Member {
    pub fn seeds(&self) -> [&[u8]; 3] {
        [
            crate::seeds::MEMBER,
            self.wallet.as_ref(),
            std::slice::from_ref(&self.bump),
        ]
    }

    /// Every member action: the permission, and a valid central bank attestation at its class's
    /// level.
    pub fn authorize(
        &self,
        permission: Permission,
        attestation: &AccountInfo,
        policy: &AccountInfo,
    ) -> Result<()> {
        require!(
            self.permissions & permission.bit() != 0,
            MemberError::MissingPermission
        );
        let level = checks::load_policy(policy)?
            .params
            .min_level(permission.class());
        checks::verify_attestation(
            attestation,
            &self.wallet,
            level,
            Clock::get()?.unix_timestamp,
        )?;
        Ok(())
    }

    pub fn add_income(&mut self, amount: u64) -> Result<()> {
        self.metrics.income = se_math::checked_add(self.metrics.income, amount).math()?;
        Ok(())
    }
}
