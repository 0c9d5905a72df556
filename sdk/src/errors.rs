//! Program error codes to names and messages, read from the committed IDLs. Each program has its
//! own code range (central_bank 6000, marketplace 7000, grid_market 8000, community 9000, household
//! 10000, member 11000), so a code names its program too, including an error that a CPI passed up.

use std::sync::OnceLock;

use solana_sdk::{instruction::InstructionError, transaction::TransactionError};

/// One error a program can return.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorInfo {
    /// The program's name in its IDL: `central_bank`, `marketplace`, `grid_market`, ...
    pub program: String,
    /// The custom error code, unique across the six programs.
    pub code: u32,
    /// The error's name in the program, e.g. `NotCouncilMember`.
    pub name: String,
    /// Its message, e.g. `Signer is not a council member`.
    pub msg: String,
}

const IDLS: [&str; 6] = [
    include_str!("../../idls/central_bank.json"),
    include_str!("../../idls/marketplace.json"),
    include_str!("../../idls/grid_market.json"),
    include_str!("../../idls/community.json"),
    include_str!("../../idls/household.json"),
    include_str!("../../idls/member.json"),
];

fn table() -> &'static [ErrorInfo] {
    static TABLE: OnceLock<Vec<ErrorInfo>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut all = Vec::new();
        for idl in IDLS {
            let v: serde_json::Value = serde_json::from_str(idl).expect("committed IDL is JSON");
            let program = v["metadata"]["name"]
                .as_str()
                .unwrap_or_default()
                .to_string();
            for e in v["errors"].as_array().into_iter().flatten() {
                all.push(ErrorInfo {
                    program: program.clone(),
                    code: e["code"].as_u64().unwrap_or_default() as u32,
                    name: e["name"].as_str().unwrap_or_default().to_string(),
                    msg: e["msg"].as_str().unwrap_or_default().to_string(),
                });
            }
        }
        all
    })
}

/// The program error with `code`, if one of the six programs defines it.
pub fn describe(code: u32) -> Option<&'static ErrorInfo> {
    table().iter().find(|e| e.code == code)
}

/// The program error a failed transaction ended with, if it was one.
pub fn describe_failure(err: &TransactionError) -> Option<&'static ErrorInfo> {
    match err {
        TransactionError::InstructionError(_, InstructionError::Custom(code)) => describe(*code),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_name_their_program_error() {
        let e = describe(9001).expect("community ZeroAmount");
        assert_eq!(
            (e.program.as_str(), e.name.as_str(), e.msg.as_str()),
            (
                "community",
                "ZeroAmount",
                "Amount must be greater than zero"
            )
        );
        let failed = TransactionError::InstructionError(1, InstructionError::Custom(6000));
        assert_eq!(describe_failure(&failed).unwrap().program, "central_bank");
        assert!(describe(5_999).is_none());
        // What the CLI prints for it.
        let shown = crate::chain::ChainError::Failed(TransactionError::InstructionError(
            1,
            InstructionError::Custom(6004),
        ))
        .to_string();
        assert_eq!(
            shown,
            "transaction failed: central_bank NotCouncilMember (6004): Signer is not a council member"
        );
        // Every code is defined once across the six programs.
        let mut codes: Vec<u32> = table().iter().map(|e| e.code).collect();
        let n = codes.len();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), n);
        assert!(n > 100);
    }
}
