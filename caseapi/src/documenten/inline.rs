//! Inline content (`inhoud` as a base64 string in the JSON body) without holding the body in
//! memory: the body is read chunk by chunk and scanned as it arrives ([`Scanner`]); the
//! base64 of `inhoud` is decoded incrementally ([`Base64Decoder`]) straight into a temporary
//! file in the documents dir, while every other field (small) is captured as raw JSON text and
//! parsed with serde_json into the map the usual validation reads. Memory stays at a few MiB
//! whatever the size of the file: one body chunk, one decode batch, one write buffer and the
//! other fields (at most [`MAX_METADATA`]).
//!
//! The scanner accepts exactly the JSON serde_json accepts for a top-level object (the other
//! values are parsed by serde_json itself; keys and the `inhoud` string are checked here:
//! escapes, no control characters). Within `inhoud`, whitespace is skipped (line-wrapped
//! base64, also written as `\n`/`\r\n` escapes), `\/` is a `/`, and padding must be canonical,
//! as the standard engine requires.

use std::path::{Path, PathBuf};

use axum::body::Body;
use axum::extract::{FromRequest, Request};
use axum::http::header;
use base64::Engine;
use http_body_util::BodyExt;
use serde_json::{Map, Value};
use tokio::io::AsyncWriteExt;

use crate::error::ApiError;
use crate::CaseApi;

/// The largest file the standard lets a client send inline: 4 GiB.
pub const MAX_INLINE_FILE: u64 = 4 * 1024 * 1024 * 1024;

/// Room for every field besides `inhoud` (raw JSON text of keys and values).
pub const MAX_METADATA: usize = 4 * 1024 * 1024;

/// Largest document body: the base64 of a [`MAX_INLINE_FILE`] file plus a margin for the other
/// fields and whitespace. The OAS asks providers to accept at least 4.0 GiB of request body
/// (metadata and base64 together); this accepts more, so a whole 4 GiB file fits too.
pub const MAX_INLINE_BODY: u64 = MAX_INLINE_FILE.div_ceil(3) * 4 + 16 * 1024 * 1024;

// The OAS minimum (4.0 GiB of body), and a whole 4 GiB file as base64.
const _: () = assert!(MAX_INLINE_BODY >= 4 * 1024 * 1024 * 1024);
const _: () = assert!(MAX_INLINE_BODY >= MAX_INLINE_FILE.div_ceil(3) * 4);

/// Base64 characters decoded per batch (a multiple of 4).
const BATCH: usize = 256 * 1024;

/// Decoded bytes collected before they are written to the file.
const WRITE_BUFFER: usize = 1024 * 1024;

/// Incremental base64 decoding (standard alphabet, canonical padding), input in pieces of any
/// size. ASCII whitespace is skipped. Once the input is invalid, the rest is ignored.
#[derive(Debug, Default)]
pub struct Base64Decoder {
    /// Characters not yet decoded (fewer than [`BATCH`] plus one quad, padding included).
    pending: Vec<u8>,
    /// `=` seen so far (only whitespace and `=` may follow the first).
    padding: usize,
    failed: bool,
    /// Decoded bytes so far.
    size: u64,
}

impl Base64Decoder {
    pub fn new() -> Base64Decoder {
        Base64Decoder::default()
    }

    /// False once the input is known to be invalid.
    pub fn is_valid(&self) -> bool {
        !self.failed
    }

    /// Marks the input invalid (e.g. a character JSON allows but base64 does not).
    pub fn fail(&mut self) {
        self.failed = true;
        self.pending = Vec::new();
    }

    /// Number of decoded bytes so far.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// Decodes what it can of `input`, appending to `out`.
    pub fn push(&mut self, mut input: &[u8], out: &mut Vec<u8>) {
        while !input.is_empty() && !self.failed {
            if self.padding > 0 {
                // Only more padding (checked at the end) and whitespace may follow.
                for &byte in input {
                    match byte {
                        b'=' => {
                            self.padding += 1;
                            self.pending.push(byte);
                        }
                        b' ' | b'\t' | b'\r' | b'\n' => {}
                        _ => return self.fail(),
                    }
                }
                if self.padding > 2 {
                    self.fail();
                }
                return;
            }
            let run = input
                .iter()
                .position(|&b| matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'='))
                .unwrap_or(input.len());
            self.pending.extend_from_slice(&input[..run]);
            if self.pending.len() >= BATCH {
                self.flush(out);
            }
            input = &input[run..];
            if let Some(&byte) = input.first() {
                if byte == b'=' {
                    self.padding = 1;
                    self.pending.push(byte);
                }
                input = &input[1..];
            }
        }
    }

    /// Decodes every whole quad in `pending` but the padded last one.
    fn flush(&mut self, out: &mut Vec<u8>) {
        let whole = self.pending.len() / 4 * 4;
        if whole == 0 {
            return;
        }
        if !self.decode(whole, out) {
            return;
        }
        self.pending.drain(..whole);
    }

    fn decode(&mut self, len: usize, out: &mut Vec<u8>) -> bool {
        let start = out.len();
        out.resize(start + len / 4 * 3, 0);
        match base64::engine::general_purpose::STANDARD
            .decode_slice_unchecked(&self.pending[..len], &mut out[start..])
        {
            Ok(written) => {
                out.truncate(start + written);
                self.size += written as u64;
                true
            }
            Err(_) => {
                out.truncate(start);
                self.fail();
                false
            }
        }
    }

    /// The end of the input: the rest must be whole, correctly padded quads.
    pub fn finish(&mut self, out: &mut Vec<u8>) {
        if self.failed {
            return;
        }
        if !self.pending.len().is_multiple_of(4) {
            return self.fail();
        }
        let len = self.pending.len();
        if self.decode(len, out) {
            self.pending.clear();
        }
    }
}

/// Why a body could not be scanned.
#[derive(Debug, PartialEq, Eq)]
pub enum ScanError {
    /// Not JSON, or not a JSON object (400 `parse_error`).
    Json(String),
    /// The fields besides `inhoud` are larger than [`MAX_METADATA`] (413).
    TooLarge,
}

/// What the body said about `inhoud`.
#[derive(Debug, PartialEq, Eq)]
pub enum ScannedInhoud {
    /// Absent or `null`.
    Absent,
    /// A valid base64 string of this many bytes (decoded into the output as it came).
    Content { size: u64 },
    /// A string that is no valid base64.
    InvalidBase64,
    /// Another JSON value (number, object, …).
    NotAString,
}

/// The scanned body: the other fields and what `inhoud` was.
#[derive(Debug)]
pub struct Scanned {
    pub fields: Map<String, Value>,
    pub inhoud: ScannedInhoud,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Before the `{`.
    Start,
    /// After `{`: a key or `}`.
    FirstKey,
    /// After `,`: a key.
    Key,
    /// Inside a key string.
    InKey,
    /// Before the `:`.
    Colon,
    /// Before a value.
    Value,
    /// Inside a value captured as raw text.
    Raw,
    /// Inside the `inhoud` string.
    Inhoud,
    /// After a value: `,` or `}`.
    Next,
    /// After the closing `}`.
    End,
}

/// An incremental scanner of one JSON object body; see the module documentation.
#[derive(Debug)]
pub struct Scanner {
    state: State,
    /// Raw text of the current key (quotes included) or value.
    raw: Vec<u8>,
    key: String,
    /// Raw-value tracking: nesting depth, inside a string, after a backslash.
    depth: usize,
    in_string: bool,
    escape: bool,
    /// Hex digits of a `\u` escape still to come in a string (key or inhoud), and its value.
    unicode_left: u8,
    unicode: u32,
    metadata: usize,
    fields: Map<String, Value>,
    inhoud: ScannedInhoud,
    /// The `inhoud` string has started.
    inhoud_seen: bool,
    /// How many `inhoud` values the object has (a second one is refused).
    inhoud_values: u32,
    decoder: Base64Decoder,
    /// Decoded content not yet taken by the caller.
    output: Vec<u8>,
    /// Position in the body, for error messages.
    line: usize,
    column: usize,
}

impl Default for Scanner {
    fn default() -> Scanner {
        Scanner::new()
    }
}

fn json_error(message: &str, line: usize, column: usize) -> ScanError {
    ScanError::Json(format!(
        "JSON parse error - {message} at line {line} column {column}"
    ))
}

fn is_ws(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\r' | b'\n')
}

impl Scanner {
    pub fn new() -> Scanner {
        Scanner {
            state: State::Start,
            raw: Vec::new(),
            key: String::new(),
            depth: 0,
            in_string: false,
            escape: false,
            unicode_left: 0,
            unicode: 0,
            metadata: 0,
            fields: Map::new(),
            inhoud: ScannedInhoud::Absent,
            inhoud_seen: false,
            inhoud_values: 0,
            decoder: Base64Decoder::new(),
            output: Vec::new(),
            line: 1,
            column: 0,
        }
    }

    /// Decoded content produced so far and not yet taken; drain it after every [`feed`].
    ///
    /// [`feed`]: Scanner::feed
    pub fn output(&mut self) -> &mut Vec<u8> {
        &mut self.output
    }

    /// True while the `inhoud` seen so far is (still) valid base64 of a string value.
    pub fn inhoud_is_valid(&self) -> bool {
        self.inhoud_seen && self.decoder.is_valid()
    }

    /// True once a string `inhoud` has started.
    pub fn inhoud_started(&self) -> bool {
        self.inhoud_seen
    }

    /// Bytes of `inhoud` decoded so far.
    pub fn inhoud_size(&self) -> u64 {
        self.decoder.size()
    }

    fn error(&self, message: &str) -> ScanError {
        json_error(message, self.line, self.column)
    }

    fn capture(&mut self, bytes: &[u8]) -> Result<(), ScanError> {
        self.metadata += bytes.len();
        if self.metadata > MAX_METADATA {
            return Err(ScanError::TooLarge);
        }
        self.raw.extend_from_slice(bytes);
        Ok(())
    }

    /// Scans the next piece of the body.
    pub fn feed(&mut self, chunk: &[u8]) -> Result<(), ScanError> {
        let mut i = 0;
        while i < chunk.len() {
            if self.state == State::Inhoud && !self.escape && self.unicode_left == 0 {
                // Fast path: the run of plain characters up to the next quote, backslash,
                // control or non-ASCII byte goes to the decoder at once.
                let rest = &chunk[i..];
                let run = rest
                    .iter()
                    .position(|&b| b == b'"' || b == b'\\' || !(0x20..0x80).contains(&b))
                    .unwrap_or(rest.len());
                if run > 0 {
                    self.decoder.push(&rest[..run], &mut self.output);
                    self.column += run;
                    i += run;
                    continue;
                }
            }
            let byte = chunk[i];
            if byte == b'\n' {
                self.line += 1;
                self.column = 0;
            } else {
                self.column += 1;
            }
            self.step(byte)?;
            i += 1;
        }
        Ok(())
    }

    fn step(&mut self, byte: u8) -> Result<(), ScanError> {
        match self.state {
            State::Start => match byte {
                b'{' => self.state = State::FirstKey,
                _ if is_ws(byte) => {}
                b'[' | b'"' | b'-' | b'0'..=b'9' | b't' | b'f' | b'n' => {
                    return Err(ScanError::Json("De body moet een JSON-object zijn.".into()))
                }
                _ => return Err(self.error("expected value")),
            },
            State::FirstKey | State::Key => match byte {
                b'"' => {
                    self.raw.clear();
                    self.capture(b"\"")?;
                    self.escape = false;
                    self.state = State::InKey;
                }
                b'}' if self.state == State::FirstKey => self.state = State::End,
                b'}' => return Err(self.error("trailing comma")),
                _ if is_ws(byte) => {}
                _ => return Err(self.error("key must be a string")),
            },
            State::InKey => {
                self.capture(&[byte])?;
                if byte < 0x20 {
                    return Err(self.error(
                        "control character (\\u0000-\\u001F) found while parsing a string",
                    ));
                }
                if self.escape {
                    self.escape = false;
                } else if byte == b'\\' {
                    self.escape = true;
                } else if byte == b'"' {
                    self.key = serde_json::from_slice(&self.raw)
                        .map_err(|e| ScanError::Json(format!("JSON parse error - {e}")))?;
                    self.raw.clear();
                    self.state = State::Colon;
                }
            }
            State::Colon => match byte {
                b':' => self.state = State::Value,
                _ if is_ws(byte) => {}
                _ => return Err(self.error("expected `:`")),
            },
            State::Value => {
                if is_ws(byte) {
                    return Ok(());
                }
                if self.key == "inhoud" {
                    self.inhoud_values += 1;
                    if self.inhoud_values > 1 {
                        // A second inhoud: which one would count? Refuse rather than guess.
                        self.decoder.fail();
                    }
                }
                if self.key == "inhoud" && byte == b'"' {
                    self.inhoud_seen = true;
                    self.escape = false;
                    self.unicode_left = 0;
                    self.state = State::Inhoud;
                    return Ok(());
                }
                self.raw.clear();
                self.depth = 0;
                self.in_string = false;
                self.escape = false;
                self.state = State::Raw;
                return self.raw_byte(byte);
            }
            State::Raw => return self.raw_byte(byte),
            State::Inhoud => self.inhoud_byte(byte)?,
            State::Next => match byte {
                b',' => self.state = State::Key,
                b'}' => self.state = State::End,
                _ if is_ws(byte) => {}
                _ => return Err(self.error("expected `,` or `}`")),
            },
            State::End => {
                if !is_ws(byte) {
                    return Err(self.error("trailing characters"));
                }
            }
        }
        Ok(())
    }

    /// One byte of a value kept as raw text; at its end it is parsed by serde_json.
    fn raw_byte(&mut self, byte: u8) -> Result<(), ScanError> {
        if self.in_string {
            self.capture(&[byte])?;
            if self.escape {
                self.escape = false;
            } else if byte == b'\\' {
                self.escape = true;
            } else if byte == b'"' {
                self.in_string = false;
                if self.depth == 0 {
                    return self.end_raw();
                }
            }
            return Ok(());
        }
        match byte {
            b'"' => {
                self.in_string = true;
                self.capture(&[byte])?;
            }
            b'{' | b'[' => {
                self.depth += 1;
                self.capture(&[byte])?;
            }
            b'}' | b']' if self.depth > 0 => {
                self.depth -= 1;
                self.capture(&[byte])?;
                if self.depth == 0 {
                    return self.end_raw();
                }
            }
            // A scalar ends at the first byte that cannot be part of it.
            b',' | b'}' | b']' if self.depth == 0 => {
                self.end_raw()?;
                return self.step(byte);
            }
            _ if is_ws(byte) && self.depth == 0 => {
                return self.end_raw();
            }
            _ => self.capture(&[byte])?,
        }
        Ok(())
    }

    fn end_raw(&mut self) -> Result<(), ScanError> {
        let value: Value = serde_json::from_slice(&self.raw).map_err(|e| {
            ScanError::Json(format!(
                "JSON parse error - {e} (value of \"{}\", line {})",
                self.key, self.line
            ))
        })?;
        self.raw.clear();
        if self.key == "inhoud" {
            self.inhoud = if self.inhoud_values > 1 {
                ScannedInhoud::InvalidBase64
            } else if value.is_null() {
                ScannedInhoud::Absent
            } else {
                ScannedInhoud::NotAString
            };
        } else {
            self.fields.insert(std::mem::take(&mut self.key), value);
        }
        self.state = State::Next;
        Ok(())
    }

    fn inhoud_byte(&mut self, byte: u8) -> Result<(), ScanError> {
        if self.unicode_left > 0 {
            let digit = (byte as char)
                .to_digit(16)
                .ok_or_else(|| self.error("invalid escape"))?;
            self.unicode = self.unicode * 16 + digit;
            self.unicode_left -= 1;
            if self.unicode_left == 0 {
                match u8::try_from(self.unicode) {
                    Ok(ascii) if ascii < 0x80 => self.decoder.push(&[ascii], &mut self.output),
                    _ => self.decoder.fail(),
                }
            }
            return Ok(());
        }
        if self.escape {
            self.escape = false;
            match byte {
                b'n' | b'r' | b't' => {}
                b'/' => self.decoder.push(b"/", &mut self.output),
                b'"' | b'\\' | b'b' | b'f' => self.decoder.fail(),
                b'u' => {
                    self.unicode_left = 4;
                    self.unicode = 0;
                }
                _ => return Err(self.error("invalid escape")),
            }
            return Ok(());
        }
        match byte {
            b'"' => {
                self.decoder.finish(&mut self.output);
                self.inhoud = if self.decoder.is_valid() {
                    ScannedInhoud::Content {
                        size: self.decoder.size(),
                    }
                } else {
                    ScannedInhoud::InvalidBase64
                };
                self.state = State::Next;
            }
            b'\\' => self.escape = true,
            0..=0x1f => {
                return Err(
                    self.error("control character (\\u0000-\\u001F) found while parsing a string")
                )
            }
            // Non-ASCII text is valid JSON but never base64.
            _ => self.decoder.fail(),
        }
        Ok(())
    }

    /// The end of the body: the object must be complete.
    pub fn finish(self) -> Result<Scanned, ScanError> {
        match self.state {
            State::End => Ok(Scanned {
                fields: self.fields,
                inhoud: self.inhoud,
            }),
            State::Start => Err(self.error("EOF while parsing a value")),
            _ => Err(self.error("EOF while parsing an object")),
        }
    }
}

/// A file received as inline content, in the documents dir; removed when dropped unless it
/// was moved to its place with [`Upload::persist`].
#[derive(Debug)]
pub struct Upload {
    path: PathBuf,
    size: u64,
    armed: bool,
}

impl Upload {
    pub fn size(&self) -> u64 {
        self.size
    }

    /// Moves the (already synced) file to `target`.
    pub async fn persist(mut self, target: &Path) -> Result<(), ApiError> {
        if let Some(dir) = target.parent() {
            tokio::fs::create_dir_all(dir)
                .await
                .map_err(ApiError::internal)?;
        }
        tokio::fs::rename(&self.path, target)
            .await
            .map_err(ApiError::internal)?;
        self.armed = false;
        Ok(())
    }
}

impl Drop for Upload {
    fn drop(&mut self) {
        if self.armed {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// `inhoud` of a document body, after reading.
#[derive(Debug)]
pub enum Inhoud {
    /// Absent or null.
    Absent,
    /// Valid base64, decoded into this file.
    File(Upload),
    /// Not a valid base64 string: the reason for `invalidParams`.
    Invalid(&'static str),
}

/// A document body (POST, PUT, PATCH of enkelvoudiginformatieobjecten), read as described in
/// the module documentation. Wrong content type → 415; malformed JSON or not an object → 400
/// `parse_error`; larger than [`MAX_INLINE_BODY`] (or other fields over [`MAX_METADATA`]) → 413.
#[derive(Debug)]
pub struct DocumentBody {
    pub fields: Map<String, Value>,
    pub inhoud: Inhoud,
}

fn too_large() -> ApiError {
    ApiError::PayloadTooLarge(format!(
        "De body is groter dan dit endpoint toestaat (een bestand van hoogstens {} GiB als \
         base64 in inhoud, de andere velden samen hoogstens {} MiB); stuur grotere bestanden in \
         bestandsdelen.",
        MAX_INLINE_FILE >> 30,
        MAX_METADATA >> 20
    ))
}

impl From<ScanError> for ApiError {
    fn from(error: ScanError) -> ApiError {
        match error {
            ScanError::Json(detail) => ApiError::BadRequest {
                code: "parse_error",
                detail,
            },
            ScanError::TooLarge => too_large(),
        }
    }
}

/// The temporary file content is decoded into.
struct Target {
    path: PathBuf,
    file: Option<tokio::fs::File>,
}

impl Target {
    async fn write(&mut self, bytes: &[u8]) -> Result<(), ApiError> {
        if self.file.is_none() {
            if let Some(dir) = self.path.parent() {
                tokio::fs::create_dir_all(dir)
                    .await
                    .map_err(ApiError::internal)?;
            }
            self.file = Some(
                tokio::fs::File::create(&self.path)
                    .await
                    .map_err(ApiError::internal)?,
            );
        }
        let file = self.file.as_mut().expect("just opened");
        file.write_all(bytes).await.map_err(ApiError::internal)
    }

    fn discard(&mut self) {
        if self.file.take().is_some() {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

impl Drop for Target {
    fn drop(&mut self) {
        self.discard();
    }
}

/// Reads `body` as described above, decoding `inhoud` into a new file under `tmp_dir`. More
/// than `limit` bytes (declared, or counted as they arrive) is a 413.
pub async fn read_document_body(
    body: Body,
    content_length: Option<u64>,
    limit: u64,
    tmp_dir: &Path,
) -> Result<DocumentBody, ApiError> {
    if content_length.is_some_and(|n| n > limit) {
        return Err(too_large());
    }
    let mut target = Target {
        path: tmp_dir.join(format!("{}.upload", uuid::Uuid::new_v4())),
        file: None,
    };
    let mut scanner = Scanner::new();
    let mut received: u64 = 0;
    let mut body = body;
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| ApiError::BadRequest {
            code: "parse_error",
            detail: format!("De body kon niet gelezen worden: {e}"),
        })?;
        let Ok(chunk) = frame.into_data() else {
            continue;
        };
        received += chunk.len() as u64;
        if received > limit {
            return Err(too_large());
        }
        scanner.feed(&chunk)?;
        if scanner.inhoud_is_valid() {
            if scanner.output().len() >= WRITE_BUFFER {
                let output = std::mem::take(scanner.output());
                target.write(&output).await?;
                // Reuse the allocation: memory stays one buffer, not one per chunk.
                *scanner.output() = output;
                scanner.output().clear();
            }
        } else {
            // Invalid (or a second inhoud): nothing of it is kept; scanning goes on so the
            // other fields are still checked.
            scanner.output().clear();
            target.discard();
        }
    }
    let started = scanner.inhoud_started();
    let tail = std::mem::take(scanner.output());
    let scanned = scanner.finish()?;
    let inhoud = match scanned.inhoud {
        ScannedInhoud::Absent => Inhoud::Absent,
        ScannedInhoud::InvalidBase64 => Inhoud::Invalid("De inhoud is geen geldige base64."),
        ScannedInhoud::NotAString => Inhoud::Invalid("De inhoud is geen geldige base64-string."),
        ScannedInhoud::Content { size } if started => {
            // Also creates the file of empty content.
            target.write(&tail).await?;
            let file = target.file.take().expect("written");
            let mut file = file;
            file.flush().await.map_err(ApiError::internal)?;
            file.sync_all().await.map_err(ApiError::internal)?;
            drop(file);
            Inhoud::File(Upload {
                path: target.path.clone(),
                size,
                armed: true,
            })
        }
        ScannedInhoud::Content { .. } => Inhoud::Absent,
    };
    Ok(DocumentBody {
        fields: scanned.fields,
        inhoud,
    })
}

/// Removes `*.upload` files in `tmp_dir` last written more than `max_age` ago: inline content
/// of requests that never finished because the process stopped (a finished or refused request
/// removes its own). Run when the provider opens; returns how many it removed.
pub fn remove_stale_uploads(tmp_dir: &Path, max_age: std::time::Duration) -> usize {
    let Ok(entries) = std::fs::read_dir(tmp_dir) else {
        return 0;
    };
    let now = std::time::SystemTime::now();
    entries
        .flatten()
        .filter(|entry| entry.path().extension().is_some_and(|e| e == "upload"))
        .filter(|entry| {
            entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|modified| now.duration_since(modified).ok())
                .is_some_and(|age| age > max_age)
        })
        .filter(|entry| std::fs::remove_file(entry.path()).is_ok())
        .count()
}

impl FromRequest<CaseApi> for DocumentBody {
    type Rejection = ApiError;

    async fn from_request(request: Request, api: &CaseApi) -> Result<DocumentBody, ApiError> {
        let is_json = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|v| {
                v.split(';')
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .to_ascii_lowercase()
            })
            .is_some_and(|v| v == "application/json" || v.ends_with("+json"));
        if !is_json {
            return Err(ApiError::UnsupportedMediaType(
                "Verwacht Content-Type: application/json.".into(),
            ));
        }
        let content_length = request
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok());
        read_document_body(
            request.into_body(),
            content_length,
            MAX_INLINE_BODY,
            &api.documents_dir.join("tmp"),
        )
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn b64(bytes: &[u8]) -> String {
        base64::engine::general_purpose::STANDARD.encode(bytes)
    }

    /// Scans `body` fed in pieces of `piece` bytes; returns the result and the decoded content.
    fn scan(body: &[u8], piece: usize) -> (Result<Scanned, ScanError>, Vec<u8>) {
        let mut scanner = Scanner::new();
        let mut content = Vec::new();
        for chunk in body.chunks(piece.max(1)) {
            if let Err(e) = scanner.feed(chunk) {
                return (Err(e), content);
            }
            content.append(scanner.output());
        }
        content.append(scanner.output());
        (scanner.finish(), content)
    }

    /// Scans with every piece size from 1 to 9 and a large one; all must agree.
    fn scan_all(body: &[u8]) -> (Result<Scanned, ScanError>, Vec<u8>) {
        let reference = scan(body, usize::MAX);
        for piece in 1..=9 {
            let (result, content) = scan(body, piece);
            match (&result, &reference.0) {
                (Ok(a), Ok(b)) => {
                    assert_eq!(a.fields, b.fields, "piece {piece}");
                    assert_eq!(a.inhoud, b.inhoud, "piece {piece}");
                }
                (Err(_), Err(_)) => {}
                _ => panic!("piece {piece}: {result:?} vs {:?}", reference.0),
            }
            if reference.0.is_ok() {
                assert_eq!(content, reference.1, "piece {piece}");
            }
        }
        reference
    }

    #[test]
    fn fields_and_content_are_separated() {
        let content: Vec<u8> = (0..=255u8).cycle().take(1000).collect();
        let body = json!({
            "titel": "Foto \"van\" de boom\n\u{e9}\u{1F333}",
            "inhoud": b64(&content),
            "trefwoorden": ["a", "b,}]"],
            "ondertekening": {"soort": "analoog", "datum": null},
            "bestandsomvang": 1000,
            "indicatieGebruiksrecht": false,
            "link": null,
            "getal": -1.5e3,
        });
        let (scanned, decoded) = scan_all(body.to_string().as_bytes());
        let scanned = scanned.unwrap();
        let mut expected = body.as_object().unwrap().clone();
        expected.remove("inhoud");
        assert_eq!(scanned.fields, expected);
        assert_eq!(scanned.inhoud, ScannedInhoud::Content { size: 1000 });
        assert_eq!(decoded, content);
    }

    #[test]
    fn whitespace_and_escapes_inside_inhoud() {
        let content = b"Een bestand met wat inhoud, lang genoeg voor meerdere regels base64.";
        let encoded = b64(content);
        // Line-wrapped with escaped CRLF, a literal space, `\/` and a \u escape for a letter.
        let mut wrapped = String::new();
        for (i, c) in encoded.chars().enumerate() {
            if i > 0 && i % 16 == 0 {
                wrapped.push_str("\\r\\n");
            }
            if i == 5 {
                wrapped.push(' ');
            }
            match c {
                '/' => wrapped.push_str("\\/"),
                'A' => wrapped.push_str("\\u0041"),
                c => wrapped.push(c),
            }
        }
        let body = format!("  {{ \"inhoud\" :\n \"{wrapped}\" , \"titel\":\"x\" }}\n ");
        let (scanned, decoded) = scan_all(body.as_bytes());
        let scanned = scanned.unwrap();
        assert_eq!(
            scanned.inhoud,
            ScannedInhoud::Content {
                size: content.len() as u64
            }
        );
        assert_eq!(decoded, content);
        assert_eq!(scanned.fields, *json!({"titel": "x"}).as_object().unwrap());
    }

    #[test]
    fn padding_of_every_length() {
        for len in 0..8 {
            let content: Vec<u8> = (1..=len as u8).collect();
            let body = format!("{{\"inhoud\": \"{}\"}}", b64(&content));
            let (scanned, decoded) = scan_all(body.as_bytes());
            assert_eq!(
                scanned.unwrap().inhoud,
                ScannedInhoud::Content { size: len as u64 },
                "{len}"
            );
            assert_eq!(decoded, content);
        }
        // Whitespace between and after the padding characters is skipped too.
        let (scanned, decoded) = scan_all(b"{\"inhoud\": \"YQ= = \"}");
        assert_eq!(scanned.unwrap().inhoud, ScannedInhoud::Content { size: 1 });
        assert_eq!(decoded, b"a");
    }

    #[test]
    fn content_larger_than_a_batch_across_chunks() {
        let content: Vec<u8> = (0..BATCH * 2 + 7).map(|i| (i * 31 % 256) as u8).collect();
        let body = format!("{{\"inhoud\":\"{}\",\"titel\":\"t\"}}", b64(&content));
        for piece in [1, 3, 4097, 65_536, BATCH + 1] {
            let (scanned, decoded) = scan(body.as_bytes(), piece);
            assert_eq!(
                scanned.unwrap().inhoud,
                ScannedInhoud::Content {
                    size: content.len() as u64
                },
                "{piece}"
            );
            assert_eq!(decoded, content, "{piece}");
        }
    }

    #[test]
    fn null_absent_and_other_types() {
        let (scanned, decoded) = scan_all(b"{\"inhoud\": null, \"bestandsomvang\": 12}");
        let scanned = scanned.unwrap();
        assert_eq!(scanned.inhoud, ScannedInhoud::Absent);
        assert_eq!(
            scanned.fields,
            *json!({"bestandsomvang": 12}).as_object().unwrap()
        );
        assert!(decoded.is_empty());
        let (scanned, _) = scan_all(b"{}");
        assert_eq!(scanned.unwrap().inhoud, ScannedInhoud::Absent);
        for other in ["12", "true", "{\"a\": \"b\"}", "[\"YQ==\"]"] {
            let (scanned, _) = scan_all(format!("{{\"inhoud\": {other}}}").as_bytes());
            assert_eq!(
                scanned.unwrap().inhoud,
                ScannedInhoud::NotAString,
                "{other}"
            );
        }
        let (scanned, decoded) = scan_all(b"{\"inhoud\": \"\"}");
        assert_eq!(scanned.unwrap().inhoud, ScannedInhoud::Content { size: 0 });
        assert!(decoded.is_empty());
    }

    #[test]
    fn invalid_base64_is_reported_and_scanning_goes_on() {
        for bad in [
            "!!geen base64!!",
            "YQ",        // unpadded
            "YQ=",       // half padded
            "YQ===",     // too much padding
            "YR==",      // non-canonical trailing bits
            "YQ==YQ==",  // data after padding
            "A",         // one character
            "YQ\\\"=",   // an escaped quote
            "Y\u{e9}Q=", // non-ASCII
            "\\u00e9YQ=",
            "YQ\\b==",
        ] {
            let body = format!("{{\"inhoud\": \"{bad}\", \"titel\": \"x\"}}");
            let (scanned, _) = scan_all(body.as_bytes());
            let scanned = scanned.unwrap_or_else(|e| panic!("{bad}: {e:?}"));
            assert_eq!(scanned.inhoud, ScannedInhoud::InvalidBase64, "{bad}");
            assert_eq!(scanned.fields, *json!({"titel": "x"}).as_object().unwrap());
        }
        // Two inhoud values: refused rather than guessing which counts.
        let (scanned, _) = scan_all(b"{\"inhoud\": \"YQ==\", \"inhoud\": \"Yg==\"}");
        assert_eq!(scanned.unwrap().inhoud, ScannedInhoud::InvalidBase64);
        let (scanned, _) = scan_all(b"{\"inhoud\": \"YQ==\", \"inhoud\": null}");
        assert_eq!(scanned.unwrap().inhoud, ScannedInhoud::InvalidBase64);
        let (scanned, _) = scan_all(b"{\"inhoud\": 12, \"inhoud\": \"YQ==\"}");
        assert_eq!(scanned.unwrap().inhoud, ScannedInhoud::InvalidBase64);
    }

    #[test]
    fn malformed_and_truncated_bodies_are_parse_errors() {
        let not_object = "De body moet een JSON-object zijn.";
        for (body, expected) in [
            ("", "EOF while parsing a value"),
            ("   ", "EOF while parsing a value"),
            ("[1, 2]", not_object),
            ("\"tekst\"", not_object),
            ("12", not_object),
            ("{niet json", "key must be a string"),
            ("{\"titel\": \"x\"", "EOF while parsing an object"),
            ("{\"inhoud\": \"YWJj", "EOF while parsing an object"),
            ("{\"inhoud\": \"YWJj\"", "EOF while parsing an object"),
            ("{\"titel\": \"x\",}", "trailing comma"),
            ("{\"titel\" \"x\"}", "expected `:`"),
            ("{\"titel\": \"x\" \"y\": 1}", "expected `,` or `}`"),
            ("{\"titel\": tru}", "JSON parse error"),
            ("{\"titel\": [1, 2}", "JSON parse error"),
            ("{\"a\": 1} x", "trailing characters"),
            ("{\"inhoud\": \"YW\nJj\"}", "control character"),
            ("{\"inhoud\": \"YW\\xJj\"}", "invalid escape"),
            ("{\"inhoud\": \"YW\\u00zz\"}", "invalid escape"),
            ("{\"ti\ntel\": 1}", "control character"),
        ] {
            let (result, _) = scan_all(body.as_bytes());
            match result {
                Err(ScanError::Json(message)) => {
                    assert!(message.contains(expected), "{body:?}: {message}")
                }
                other => panic!("{body:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn other_fields_are_bounded() {
        let body = format!("{{\"titel\": \"{}\"}}", "x".repeat(MAX_METADATA + 1));
        let (result, _) = scan(body.as_bytes(), 64 * 1024);
        assert_eq!(result.unwrap_err(), ScanError::TooLarge);
        // inhoud does not count towards it.
        let content = vec![7u8; MAX_METADATA * 2];
        let body = format!("{{\"inhoud\": \"{}\", \"titel\": \"x\"}}", b64(&content));
        let (result, decoded) = scan(body.as_bytes(), 1024 * 1024);
        assert_eq!(
            result.unwrap().inhoud,
            ScannedInhoud::Content {
                size: content.len() as u64
            }
        );
        assert_eq!(decoded.len(), content.len());
    }

    #[tokio::test]
    async fn a_body_is_read_into_a_file_that_goes_when_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let content = vec![42u8; 3 * WRITE_BUFFER + 5];
        let body = format!("{{\"inhoud\": \"{}\", \"titel\": \"x\"}}", b64(&content));
        let read = read_document_body(Body::from(body), None, MAX_INLINE_BODY, dir.path())
            .await
            .unwrap();
        let Inhoud::File(upload) = read.inhoud else {
            panic!("{:?}", read.inhoud)
        };
        assert_eq!(upload.size(), content.len() as u64);
        let stored = std::fs::read(&upload.path).unwrap();
        assert_eq!(stored, content);
        let path = upload.path.clone();
        drop(upload);
        assert!(!path.exists());
        // Invalid base64 leaves no file behind, and the other fields are still there.
        let body = format!("{{\"inhoud\": \"{}!\", \"titel\": \"x\"}}", b64(&content));
        let read = read_document_body(Body::from(body), None, MAX_INLINE_BODY, dir.path())
            .await
            .unwrap();
        assert!(matches!(read.inhoud, Inhoud::Invalid(_)));
        assert_eq!(read.fields["titel"], "x");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        // A declared length over the limit is refused before anything is read.
        let refused = read_document_body(
            Body::empty(),
            Some(MAX_INLINE_BODY + 1),
            MAX_INLINE_BODY,
            dir.path(),
        )
        .await
        .unwrap_err();
        assert!(matches!(refused, ApiError::PayloadTooLarge(_)));
    }

    #[tokio::test]
    async fn a_body_growing_past_the_limit_is_a_413_and_leaves_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let content = vec![1u8; 3 * WRITE_BUFFER];
        let text = format!("{{\"inhoud\": \"{}\"}}", b64(&content));
        let limit = text.len() as u64 - 1;
        // No Content-Length: only counting can catch it, after part of the file was written.
        let body = Body::new(Chunks(
            text.into_bytes()
                .chunks(64 * 1024)
                .map(axum::body::Bytes::copy_from_slice)
                .collect(),
        ));
        let refused = read_document_body(body, None, limit, dir.path())
            .await
            .unwrap_err();
        assert!(
            matches!(refused, ApiError::PayloadTooLarge(_)),
            "{refused:?}"
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    type FrameResult = <http_body_util::combinators::Frame<
        'static,
        http_body_util::Full<axum::body::Bytes>,
    > as std::future::Future>::Output;

    /// A body of ready chunks, one per poll (what a fast client looks like).
    struct Chunks(std::collections::VecDeque<axum::body::Bytes>);

    impl axum::body::HttpBody for Chunks {
        type Data = axum::body::Bytes;
        type Error = std::convert::Infallible;

        fn poll_frame(
            mut self: std::pin::Pin<&mut Self>,
            cx: &mut std::task::Context<'_>,
        ) -> std::task::Poll<FrameResult> {
            match self.0.pop_front() {
                Some(chunk) => {
                    std::pin::Pin::new(&mut http_body_util::Full::new(chunk)).poll_frame(cx)
                }
                None => std::task::Poll::Ready(None),
            }
        }
    }

    #[test]
    fn stale_uploads_are_removed_and_recent_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join("old.upload");
        let recent = dir.path().join("recent.upload");
        let other = dir.path().join("old.txt");
        for path in [&old, &recent, &other] {
            std::fs::write(path, b"x").unwrap();
        }
        let two_days_ago =
            std::time::SystemTime::now() - std::time::Duration::from_secs(2 * 86_400);
        for path in [&old, &other] {
            std::fs::File::options()
                .write(true)
                .open(path)
                .unwrap()
                .set_modified(two_days_ago)
                .unwrap();
        }
        let day = std::time::Duration::from_secs(86_400);
        assert_eq!(remove_stale_uploads(dir.path(), day), 1);
        assert!(!old.exists() && recent.exists() && other.exists());
        assert_eq!(remove_stale_uploads(&dir.path().join("missing"), day), 0);
    }
}
