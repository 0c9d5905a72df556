//! Workspace tasks. `cargo run -p xtask -- idl` writes `idls/<program>.json` for every program;
//! `cargo run -p xtask -- idl --check` fails when a committed IDL is stale.

use std::{path::PathBuf, process::ExitCode};

use anchor_lang_idl::build::IdlBuilder;

/// Every program in the workspace, as (crate folder under `programs/`, IDL file stem).
const PROGRAMS: &[&str] = &[
    "central_bank",
    "marketplace",
    "grid_market",
    "community",
    "household",
    "member",
];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["idl"] => idl(false),
        ["idl", "--check"] => idl(true),
        _ => {
            eprintln!("usage: cargo run -p xtask -- idl [--check]");
            ExitCode::FAILURE
        }
    }
}

fn idl(check: bool) -> ExitCode {
    // `cargo run` sets RUSTUP_TOOLCHAIN for its child; the IDL builder would then try to
    // install that toolchain. The machine's default toolchain is the right one.
    // SAFETY: single-threaded at this point; no other thread reads the environment.
    unsafe { std::env::remove_var("RUSTUP_TOOLCHAIN") };
    // Read at run time: a binary reused from a shared target dir may have been built in
    // another checkout, so the compile-time `env!` value could point elsewhere.
    let root = match std::env::var_os("CARGO_MANIFEST_DIR") {
        Some(dir) => PathBuf::from(dir)
            .parent()
            .expect("xtask sits in the workspace")
            .to_path_buf(),
        None => std::env::current_dir().expect("current dir"),
    };
    let mut stale = Vec::new();
    for program in PROGRAMS {
        let idl = match IdlBuilder::new()
            .program_path(root.join("programs").join(program))
            .skip_lint(true)
            .build()
        {
            Ok(idl) => idl,
            Err(e) => {
                eprintln!("building the IDL of {program} failed: {e}");
                return ExitCode::FAILURE;
            }
        };
        let json = serde_json::to_string_pretty(&idl).expect("IDL serializes") + "\n";
        let path = root.join("idls").join(format!("{program}.json"));
        if check {
            if std::fs::read_to_string(&path).ok().as_deref() != Some(json.as_str()) {
                stale.push(path.display().to_string());
            }
        } else {
            std::fs::write(&path, json).expect("write IDL");
            println!("wrote {}", path.display());
        }
    }
    if stale.is_empty() {
        if check {
            println!("IDLs are fresh");
        }
        ExitCode::SUCCESS
    } else {
        eprintln!(
            "stale IDLs (run `cargo run -p xtask -- idl`): {}",
            stale.join(", ")
        );
        ExitCode::FAILURE
    }
}
