use anchor_lang::prelude::*;

#[error_code(offset = 8000)]
pub enum GridMarketError {
    #[msg("Arithmetic overflow or division by zero")]
    MathOverflow,
    #[msg("Meter capacity must be positive")]
    InvalidCapacity,
    #[msg("A meter with this id is already registered")]
    MeterExists,
    #[msg("Signer is not this meter's oracle")]
    WrongOracle,
    #[msg("Reading is not above the meter's last cumulative reading")]
    NotMonotonic,
    #[msg("This meter already reported in this epoch")]
    DuplicateReading,
    #[msg("Reading exceeds what the meter's capacity can produce in the elapsed time")]
    ExceedsCapacity,
    #[msg("Epoch is not open")]
    EpochClosed,
    #[msg("Epoch index is not the current one")]
    WrongEpoch,
    #[msg("Epoch account already exists")]
    EpochExists,
    #[msg("Epoch has not ended yet")]
    EpochNotEnded,
    #[msg("Contributor record already exists")]
    ContributorExists,
    #[msg("The contributor has too many unsettled epochs; claim some first")]
    TooManyOpenEpochs,
    #[msg("This feeder already submitted a price for this epoch")]
    DuplicateFeed,
    #[msg("The epoch's grid-price feeder set is full")]
    FeedSetFull,
    #[msg("Price must be positive")]
    ZeroPrice,
    #[msg("Epoch must be closed (priced) and not yet settled")]
    NotClosed,
    #[msg("Payment is below the epoch's revenue")]
    Underpayment,
    #[msg("Epoch revenue has not been settled yet")]
    ClaimBeforeSettlement,
    #[msg("This epoch's share was already claimed")]
    AlreadyClaimed,
    #[msg("Nothing to claim in this epoch")]
    NothingToClaim,
    #[msg("The claim window has passed")]
    ClaimExpired,
    #[msg("The claim window has not passed yet")]
    SweepBeforeExpiry,
    #[msg("Epoch is not in the settled state")]
    NotSettled,
    #[msg("Epoch value is not conserved")]
    ConservationViolated,
    #[msg("Reading exceeds what the meter's capacity can produce in its time inside this epoch")]
    ReadingAboveEpochCapacity,
    #[msg("The previous epoch must be closed first")]
    PreviousEpochNotClosed,
    #[msg("Only the program's upgrade authority (the deployer) may initialise it")]
    NotUpgradeAuthority,
    #[msg("The grid market is already initialised")]
    AlreadyInitialized,
    #[msg("A member's meter needs the attestation of the wallet its credits go to")]
    AttestationRequired,
}

se_anchor::math_ext!(GridMarketError::MathOverflow);
