//! The typesetting layer's error: a font that does not parse, an object the writer cannot
//! place, a file that cannot be read back. None of them is the user's doing, so one type with
//! a message suffices; the message is German, as users may read it (the core shows it as an
//! internal error).

/// What went wrong, in German.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{0}")]
pub struct Error(pub String);

pub type Result<T, E = Error> = std::result::Result<T, E>;
