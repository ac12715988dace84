//! Text: the low layer every stage may use. Escaping for HTML, numbers and dates as Thai
//! readers write them, Thai words kept whole at line ends, identifiers made from text, and
//! decoding input bytes. Nothing here
//! reads files or knows about LAOs.

pub mod dates;
pub mod encoding;
pub mod escape;
pub mod ids;
pub mod numbers;
pub mod numtext;
pub mod thai;
