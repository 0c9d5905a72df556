use anchor_lang::prelude::*;

#[error_code(offset = 7000)]
pub enum MarketplaceError {
    #[msg("Arithmetic overflow or division by zero")]
    MathOverflow,
    #[msg("Amount must be greater than zero")]
    ZeroAmount,
    #[msg("Output is below the caller's minimum")]
    SlippageExceeded,
    #[msg("Input is above the caller's maximum")]
    MaxInputExceeded,
    #[msg("The first deposit must be worth more than the locked minimum liquidity")]
    InsufficientInitialLiquidity,
    #[msg("LP fee is above its bound")]
    FeeOutOfBounds,
    /// No longer returned (the interval comes from the policy); kept so later codes keep their values.
    #[msg("Observation interval is out of bounds")]
    InvalidObservationInterval,
    #[msg("The marketplace is paused by central bank policy")]
    MarketPaused,
    #[msg("Trade is above the policy's single-trade limit")]
    TradeLimitExceeded,
    #[msg("Trade would exceed the wallet's rolling 24-hour volume limit")]
    DailyVolumeExceeded,
    #[msg("Pool invariant k decreased")]
    InvariantViolated,
    #[msg("Pool vaults hold less than the recorded reserves")]
    ReservesNotBacked,
    #[msg("Swap output would drain the pool")]
    InsufficientLiquidity,
    #[msg("One side of an offer must be the currency and the other a different, listed asset")]
    InvalidOfferPair,
    #[msg("Offer expiry must be in the future and within the maximum offer life")]
    InvalidOfferExpiry,
    #[msg("Offer has expired")]
    OfferExpired,
    #[msg("Fill is larger than what remains of the offer")]
    OverFill,
    #[msg("Only the maker may close an offer before it expires")]
    OfferNotClosable,
    #[msg("Retirement reason is longer than the maximum")]
    ReasonTooLong,
    #[msg("A retirement record with this serial already exists")]
    RetirementExists,
    #[msg("Only the energy credit pool is stabilised against the policy price band")]
    NotStabilized,
    #[msg("The mint has a Token-2022 extension the marketplace refuses (permanent delegate, transfer hook, transfer fee or pause)")]
    UnsupportedMintExtension,
    #[msg("The mint has a freeze authority")]
    MintHasFreezeAuthority,
    #[msg("The asset already has a pool")]
    PoolExists,
    #[msg("The wallet already has a trader record")]
    TraderExists,
    #[msg("The maker already has an offer with this id")]
    OfferExists,
    #[msg("The carbon registry already exists")]
    RegistryExists,
    #[msg("Only the program's upgrade authority (the deployer) may initialise it")]
    NotUpgradeAuthority,
    #[msg("The pool was stabilised in this observation interval already")]
    StabilizedThisInterval,
}

se_anchor::math_ext!(MarketplaceError::MathOverflow);
