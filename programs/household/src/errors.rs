use anchor_lang::prelude::*;

#[error_code(offset = 10000)]
pub enum HouseholdError {
    #[msg("Arithmetic overflow or division by zero")]
    MathOverflow,
    #[msg("Amount must be greater than zero")]
    ZeroAmount,
    #[msg("Trustees: between 1 and 5, distinct, with a threshold between 1 and their count")]
    InvalidTrustees,
    #[msg("Reinvestment share is above 10,000 bps")]
    InvalidReinvestBps,
    #[msg("An approving account is not a trustee of this household")]
    NotTrustee,
    #[msg("Fewer trustees signed than the threshold")]
    ThresholdNotMet,
    #[msg("Members: 1 to 8, distinct")]
    InvalidMembers,
    #[msg("Member weights must sum to 10,000 bps")]
    WeightsNotFullyAllocated,
    #[msg("A member being removed still has distributions to claim; set its weight to 0 instead")]
    MemberHasBalance,
    #[msg("The wallet is not a member of this household")]
    NotAMember,
    #[msg("The signer is not the wallet's member account")]
    WrongMemberAccount,
    #[msg("The household already belongs to a community")]
    AlreadyInCommunity,
    #[msg("The household's community accounts are missing or wrong")]
    WrongCommunity,
    #[msg("Investment exceeds the trust's uninvested contributions")]
    InsufficientCapital,
    #[msg("Nothing to distribute")]
    NothingToDistribute,
    #[msg("The household has no members")]
    NoMembers,
    #[msg("The meter is neither the household's nor one of its members'")]
    UnaffiliatedMeter,
    #[msg("Vault holds less than the trust's books")]
    BooksNotBacked,
    #[msg("A household trust with this id already exists")]
    HouseholdExists,
}

se_anchor::math_ext!(HouseholdError::MathOverflow);
