//! The embedded font, text measurement, cleaning and line wrapping.

use std::sync::LazyLock;

use rustybuzz::{Direction, Face, UnicodeBuffer};

static REGULAR_TTF: &[u8] = include_bytes!("../fonts/LiberationSans-Regular.ttf");
static BOLD_TTF: &[u8] = include_bytes!("../fonts/LiberationSans-Bold.ttf");

#[allow(clippy::expect_used)] // the fonts are compiled in; a broken one fails every test
static REGULAR_FACE: LazyLock<Face<'static>> =
    LazyLock::new(|| Face::from_slice(REGULAR_TTF, 0).expect("embedded regular font parses"));
#[allow(clippy::expect_used)]
static BOLD_FACE: LazyLock<Face<'static>> =
    LazyLock::new(|| Face::from_slice(BOLD_TTF, 0).expect("embedded bold font parses"));

/// Which of the two embedded faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Weight {
    Regular,
    Bold,
}

impl Weight {
    fn face(self) -> &'static Face<'static> {
        match self {
            Weight::Regular => &REGULAR_FACE,
            Weight::Bold => &BOLD_FACE,
        }
    }

    pub(crate) fn bytes(self) -> &'static [u8] {
        match self {
            Weight::Regular => REGULAR_TTF,
            Weight::Bold => BOLD_TTF,
        }
    }
}

/// Width of `text` in points, shaped the same way krilla's `draw_text` shapes it.
pub(crate) fn width(text: &str, weight: Weight, size: f32) -> f32 {
    if text.is_empty() {
        return 0.0;
    }
    let face = weight.face();
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.guess_segment_properties();
    buffer.set_direction(Direction::LeftToRight);
    let shaped = rustybuzz::shape(face, &[], buffer);
    let units: i64 = shaped
        .glyph_positions()
        .iter()
        .map(|p| i64::from(p.x_advance))
        .sum();
    units as f32 * size / face.units_per_em() as f32
}

/// Makes arbitrary user text drawable with the embedded fonts: drops control and invisible
/// format characters, turns tabs and odd spaces into plain spaces, keeps `\n` (callers split
/// on it), and replaces anything either face has no glyph for with `?`. The PDF/UA validator
/// rejects `.notdef` glyphs, so this is what keeps `render` infallible.
pub(crate) fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            '\t' => out.push(' '),
            '\u{00A0}' | '\u{202F}' => out.push('\u{00A0}'),
            // Soft hyphen, zero-width and bidi controls, word joiners, BOM, non-characters.
            '\u{00AD}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFF0}'..='\u{FFFC}'
            | '\u{FFFE}'
            | '\u{FFFF}' => {}
            c if c.is_control() => {}
            c if c.is_whitespace() => out.push(' '),
            c if has_glyph(c) => out.push(c),
            _ => out.push('?'),
        }
    }
    out
}

fn has_glyph(c: char) -> bool {
    // Private-use code points would need ActualText to be accessible; never draw them.
    let private = matches!(c, '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{10FFFF}');
    !private
        && [Weight::Regular, Weight::Bold]
            .iter()
            .all(|w| w.face().glyph_index(c).is_some_and(|g| g.0 != 0))
}

/// Splits cleaned text into lines no wider than `max` points. Explicit newlines are kept
/// (blank lines collapse), runs of spaces collapse, and words wider than a line are broken
/// between characters. Never returns an empty vector for non-blank input.
pub(crate) fn wrap(text: &str, weight: Weight, size: f32, max: f32) -> Vec<String> {
    let space = width(" ", weight, size);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut line_w = 0.0f32;
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            let word_w = width(word, weight, size);
            if line.is_empty() && word_w <= max {
                line.push_str(word);
                line_w = word_w;
            } else if !line.is_empty() && line_w + space + word_w <= max {
                line.push(' ');
                line.push_str(word);
                line_w += space + word_w;
            } else if word_w <= max {
                lines.push(std::mem::take(&mut line));
                line.push_str(word);
                line_w = word_w;
            } else {
                // A word that cannot fit on any line (a URL, a pasted hash): break it.
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                let mut pieces = break_word(word, weight, size, max);
                let last = pieces.pop().unwrap_or_default();
                lines.extend(pieces);
                line_w = width(&last, weight, size);
                line = last;
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
    }
    lines
}

fn break_word(word: &str, weight: Weight, size: f32, max: f32) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut piece = String::new();
    for c in word.chars() {
        piece.push(c);
        if width(&piece, weight, size) > max && piece.chars().count() > 1 {
            piece.pop();
            pieces.push(std::mem::take(&mut piece));
            piece.push(c);
        }
    }
    if !piece.is_empty() {
        pieces.push(piece);
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_keeps_dutch_and_replaces_what_the_font_lacks() {
        assert_eq!(
            clean("Eén café, € 12,50 – ’s-Hertogenbosch ü ë"),
            "Eén café, € 12,50 – ’s-Hertogenbosch ü ë"
        );
        assert_eq!(clean("a\tb\u{0007}c\u{FEFF}d\r\ne"), "a bcd\ne");
        assert_eq!(clean("日本 🌳 \u{E000}"), "?? ? ?");
    }

    #[test]
    fn wrap_respects_width_and_keeps_every_word() {
        let text =
            "De boom staat al meer dan veertig jaar in de achtertuin en is nu ziek. ".repeat(8);
        let lines = wrap(text.trim(), Weight::Regular, 10.0, 200.0);
        assert!(lines.len() > 3);
        for l in &lines {
            assert!(width(l, Weight::Regular, 10.0) <= 200.0 + 0.01, "{l}");
        }
        assert_eq!(lines.join(" "), text.trim());
    }

    #[test]
    fn wrap_breaks_overlong_words_and_keeps_newlines() {
        let url = "https://example.nl/".to_string() + &"x".repeat(300);
        let lines = wrap(&format!("zie\n\n{url} einde"), Weight::Bold, 10.0, 120.0);
        assert_eq!(lines[0], "zie");
        assert!(lines.len() > 3);
        assert_eq!(lines[1..].concat().replace(' ', ""), format!("{url}einde"));
        for l in &lines {
            assert!(width(l, Weight::Bold, 10.0) <= 120.0 + 0.01, "{l}");
        }
    }
}
