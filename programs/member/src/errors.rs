use anchor_lang::prelude::*;

#[error_code(offset = 11000)]
pub enum MemberError {
    #[msg("Arithmetic overflow or division by zero")]
    MathOverflow,
    #[msg("Amount must be greater than zero")]
    ZeroAmount,
    #[msg("The wallet already has a member account")]
    MemberExists,
    #[msg("The member lacks the permission for this action")]
    MissingPermission,
    #[msg("Unknown permission bits")]
    InvalidPermissions,
    #[msg("Only the member's KYC provider may change its permissions")]
    NotProvider,
    #[msg("The member already belongs to a household or community of this kind")]
    AlreadyAffiliated,
    #[msg("The household does not list this wallet as a member")]
    NotInHousehold,
    #[msg("The member's household or community accounts are missing or wrong")]
    WrongAffiliation,
    #[msg("The meter is not owned by this member account")]
    NotMeterOwner,
    #[msg("The household still lists this wallet: its trustees must remove it first")]
    StillListed,
    #[msg("The member's position in the community still holds shares or rewards")]
    PositionNotEmpty,
}

se_anchor::math_ext!(MemberError::MathOverflow);
