//! The `konzeptstudio` command line: logging to stderr, then `cli::main`, whose result is the
//! exit code (the CLI contract in ARCHITECTURE.md).

fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("KONZEPTSTUDIO_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    std::process::exit(konzeptstudio::cli::main());
}
