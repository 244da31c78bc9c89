//! The core's integration tests, one test binary: every binary links the whole crate, so one
//! link instead of eight is most of what an incremental `cargo test` build costs. A suite is a
//! module; run one with `cargo test --test it -- storage::` (or `cli::`, `pdf_render::` …).

// `on_both!` comes from here; declared first so that the suites below see it.
#[macro_use]
mod support;
mod cli_support;
mod docx_support;

mod as_of;
mod audit;
mod backup;
mod cli;
mod cosign;
mod docx_import;
mod docx_render;
mod netfs;
mod pdf_cli;
mod pdf_export;
mod pdf_render;
mod pg_faults;
mod reports;
mod soak;
mod storage;
mod team;
mod web_render;
