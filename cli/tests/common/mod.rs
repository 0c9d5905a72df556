//! What the CLI's test files share: the binary under test and a free port for a node.

/// The `sourceenergy` binary cargo built for these tests (with the `localnet` feature).
pub const BIN: &str = env!("CARGO_BIN_EXE_sourceenergy");

/// A port nothing listens on now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}
