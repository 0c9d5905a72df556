//! The local node's ledger folder: its accounts and clock in `state.bin`, and the clock alone,
//! written more often, in `clock.bin`, so a restarted node resumes where it stopped. Each save
//! writes a new file beside the old one, syncs it to disk and renames it over it, so a kill at
//! any moment leaves either the old file or the new one, never half of each; a checksum
//! catches a file damaged any other way. Transaction history (signatures, blocks) is not kept.

use std::{
    fs,
    io::Write,
    path::{Path, PathBuf},
};

use anchor_lang::prelude::Pubkey;
use solana_sdk::{account::Account, clock::Clock, hash::hashv};

/// Accounts and the clock as of their last change.
pub const STATE_FILE: &str = "state.bin";
/// The clock alone: it moves every slot, the accounts only when transactions land.
pub const CLOCK_FILE: &str = "clock.bin";
/// The format's name and version.
const MAGIC: &[u8; 8] = b"SELEDG02";

/// What a ledger holds.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub clock: Clock,
    /// Every account but the executable ones (programs the node registers itself at start) and
    /// the sysvars (the node keeps them).
    pub accounts: Vec<(Pubkey, Account)>,
}

/// The on-disk forms: plain tuples, so the format does not depend on the SDK types' serde.
type EncodedClock = (u64, i64, u64, u64, i64);
type Encoded = (
    EncodedClock,
    Vec<([u8; 32], u64, [u8; 32], bool, u64, Vec<u8>)>,
);

fn encode_clock(c: &Clock) -> EncodedClock {
    (
        c.slot,
        c.epoch_start_timestamp,
        c.epoch,
        c.leader_schedule_epoch,
        c.unix_timestamp,
    )
}

fn decode_clock(c: EncodedClock) -> Clock {
    Clock {
        slot: c.0,
        epoch_start_timestamp: c.1,
        epoch: c.2,
        leader_schedule_epoch: c.3,
        unix_timestamp: c.4,
    }
}

/// Whether `dir` holds a saved state.
pub fn exists(dir: &Path) -> bool {
    dir.join(STATE_FILE).exists()
}

/// Writes `state` (accounts and clock) into `dir` atomically (see the module's note).
pub fn save(dir: &Path, state: &State) -> Result<(), String> {
    let encoded: Encoded = (
        encode_clock(&state.clock),
        state
            .accounts
            .iter()
            .map(|(k, a)| {
                let owner = a.owner.to_bytes();
                (
                    k.to_bytes(),
                    a.lamports,
                    owner,
                    a.executable,
                    a.rent_epoch,
                    a.data.clone(),
                )
            })
            .collect(),
    );
    write(dir, STATE_FILE, &encoded)?;
    // An older clock file would otherwise win over this state's clock.
    write(dir, CLOCK_FILE, &encoded.0)
}

/// Writes the clock alone into `dir` atomically.
pub fn save_clock(dir: &Path, clock: &Clock) -> Result<(), String> {
    write(dir, CLOCK_FILE, &encode_clock(clock))
}

/// `MAGIC`, a checksum and the payload into `dir/name`: a new file, synced, renamed over the
/// old one, and the folder synced so the rename is durable too.
fn write(dir: &Path, name: &str, value: &impl serde::Serialize) -> Result<(), String> {
    let payload = bincode::serialize(value).map_err(|e| e.to_string())?;
    let checksum = hashv(&[&payload]);
    let io = |e: std::io::Error| format!("cannot write the ledger in {}: {e}", dir.display());
    fs::create_dir_all(dir).map_err(io)?;
    let partial = dir.join(format!("{name}.partial"));
    let mut file = fs::File::create(&partial).map_err(io)?;
    file.write_all(MAGIC).map_err(io)?;
    file.write_all(checksum.as_ref()).map_err(io)?;
    file.write_all(&payload).map_err(io)?;
    file.sync_all().map_err(io)?;
    drop(file);
    fs::rename(&partial, dir.join(name)).map_err(io)?;
    fs::File::open(dir).and_then(|d| d.sync_all()).map_err(io)
}

/// The payload of `dir/name`, `None` if there is no such file; an error if it is damaged.
fn read<T: serde::de::DeserializeOwned>(dir: &Path, name: &str) -> Result<Option<T>, String> {
    let path: PathBuf = dir.join(name);
    let bytes = match fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
    };
    let damaged = |why: &str| {
        format!(
            "the ledger {} is damaged ({why}); `sourceenergy localnet --reset` starts a fresh one",
            path.display()
        )
    };
    if bytes.len() < MAGIC.len() + 32 || &bytes[..MAGIC.len()] != MAGIC {
        return Err(damaged("not a SourceEnergy ledger, or another version"));
    }
    let (checksum, payload) = bytes[MAGIC.len()..].split_at(32);
    if hashv(&[payload]).as_ref() != checksum {
        return Err(damaged("checksum mismatch"));
    }
    bincode::deserialize(payload)
        .map(Some)
        .map_err(|e| damaged(&e.to_string()))
}

/// The state saved in `dir` with its latest clock, `None` if there is none; an error if a file
/// is damaged.
pub fn load(dir: &Path) -> Result<Option<State>, String> {
    let Some((clock, accounts)) = read::<Encoded>(dir, STATE_FILE)? else {
        return Ok(None);
    };
    let clock = match read::<EncodedClock>(dir, CLOCK_FILE)? {
        Some(later) if later.0 >= clock.0 => later,
        _ => clock,
    };
    Ok(Some(State {
        clock: decode_clock(clock),
        accounts: accounts
            .into_iter()
            .map(|(k, lamports, owner, executable, rent_epoch, data)| {
                let account = Account {
                    lamports,
                    data,
                    owner: Pubkey::new_from_array(owner),
                    executable,
                    rent_epoch,
                };
                (Pubkey::new_from_array(k), account)
            })
            .collect(),
    }))
}

/// Removes the saved state in `dir` (`--reset`); nothing else in the folder is touched.
pub fn reset(dir: &Path) -> Result<(), String> {
    for name in [STATE_FILE, CLOCK_FILE] {
        match fs::remove_file(dir.join(name)) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(format!("cannot reset {}: {e}", dir.display())),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state() -> State {
        let account = |n: u8| Account {
            lamports: 1_000 + n as u64,
            data: vec![n; n as usize * 7],
            owner: Pubkey::new_unique(),
            executable: false,
            rent_epoch: u64::MAX,
        };
        State {
            clock: Clock {
                slot: 12_345,
                epoch_start_timestamp: 1_700_000_000,
                epoch: 0,
                leader_schedule_epoch: 1,
                unix_timestamp: 1_700_007_407,
            },
            accounts: (0..20)
                .map(|n| (Pubkey::new_unique(), account(n)))
                .collect(),
        }
    }

    #[test]
    fn saves_and_loads_everything_and_refuses_a_damaged_file() {
        let dir = std::env::temp_dir().join(format!("se-ledger-unit-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        assert_eq!(load(&dir).unwrap(), None, "no ledger yet");
        let s = state();
        save(&dir, &s).unwrap();
        assert_eq!(load(&dir).unwrap(), Some(s.clone()));
        assert!(!dir.join("state.bin.partial").exists());

        // The clock, saved alone and later, wins over the state's.
        let mut later = s.clock.clone();
        later.slot += 10;
        later.unix_timestamp += 6;
        save_clock(&dir, &later).unwrap();
        assert_eq!(load(&dir).unwrap().unwrap().clock, later);
        save(&dir, &s).unwrap();
        assert_eq!(
            load(&dir).unwrap().unwrap().clock,
            s.clock,
            "a full save rewrites both"
        );

        // One flipped byte anywhere in the payload is caught.
        let path = dir.join(STATE_FILE);
        let mut bytes = fs::read(&path).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        fs::write(&path, &bytes).unwrap();
        let e = load(&dir).unwrap_err();
        assert!(
            e.contains("checksum mismatch") && e.contains("--reset"),
            "{e}"
        );
        fs::write(&path, b"something else").unwrap();
        assert!(load(&dir)
            .unwrap_err()
            .contains("not a SourceEnergy ledger"));

        // A save cut short before its rename leaves the previous state readable.
        save(&dir, &s).unwrap();
        fs::write(dir.join("state.bin.partial"), &bytes[..bytes.len() / 2]).unwrap();
        assert_eq!(load(&dir).unwrap(), Some(s));

        reset(&dir).unwrap();
        assert_eq!(load(&dir).unwrap(), None);
        assert!(!dir.join(CLOCK_FILE).exists());
        fs::remove_dir_all(&dir).unwrap();
    }
}
