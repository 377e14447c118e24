//! Behaviour of the receipt PDF, checked by reading it back with a PDF parser.

use loket_receipt::{render, Lang, Receipt};
use lopdf::{Dictionary, Document, Object};

fn kapvergunning(lang: Lang) -> Receipt {
    Receipt {
        lang,
        municipality: "Gemeente Voorbeeld".into(),
        identificatie: "ZAAK-2026-0000000042".into(),
        product_title: "Kapvergunning".into(),
        submitted_at: "29 november 2026, 10:42".into(),
        handling_days: Some(56),
        answers: vec![
            (
                "Om welke boom gaat het?".into(),
                "Eén zomereik naast het café".into(),
            ),
            (
                "Waarom wilt u kappen?".into(),
                "De boom is ziek; de buren’ dak lijdt schade".into(),
            ),
            ("Kosten".into(), "€ 85,00 voor de Müller-Ëik".into()),
            ("Opmerking".into(), String::new()),
        ],
        email: "anouk.de.vries@example.nl".into(),
        phone: "06 12345678".into(),
    }
}

fn parse(pdf: &[u8]) -> Document {
    assert!(pdf.starts_with(b"%PDF-1.7"), "not a PDF 1.7 file");
    Document::load_mem(pdf).expect("PDF parses")
}

/// All text of all pages, whitespace collapsed to single spaces (wrapping inserts line breaks).
fn text_of(doc: &Document) -> String {
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let raw = doc.extract_text(&pages).expect("text extracts");
    normalize(&raw)
}

/// Like [`text_of`], without the "Pagina x van n" artifacts, so text flowing over a page
/// break reads on.
fn body_text_of(doc: &Document) -> String {
    let pages = doc.get_pages();
    let n = pages.len();
    let mut out = Vec::new();
    for (i, number) in pages.keys().enumerate() {
        let raw = doc.extract_text(&[*number]).expect("text extracts");
        let page = normalize(&raw);
        let footer = format!("Pagina {} van {n}", i + 1);
        out.push(page.replace(&footer, "").trim().to_string());
    }
    out.join(" ")
}

fn normalize(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn resolve<'a>(doc: &'a Document, obj: &'a Object) -> &'a Object {
    doc.dereference(obj).map(|(_, o)| o).unwrap_or(obj)
}

fn dict<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> &'a Dictionary {
    resolve(
        doc,
        d.get(key)
            .unwrap_or_else(|_| panic!("missing /{}", String::from_utf8_lossy(key))),
    )
    .as_dict()
    .expect("a dictionary")
}

fn name(obj: &Object) -> String {
    String::from_utf8_lossy(obj.as_name().expect("a name")).into_owned()
}

fn text_string(obj: &Object) -> String {
    let bytes = obj.as_str().expect("a string");
    if let Some(utf16) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = utf16
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        String::from_utf8_lossy(bytes).into_owned()
    }
}

/// The structure types (`/S`) of the tag tree, depth first.
fn structure_types(doc: &Document) -> Vec<String> {
    fn walk(doc: &Document, obj: &Object, out: &mut Vec<String>) {
        match resolve(doc, obj) {
            Object::Array(items) => items.iter().for_each(|i| walk(doc, i, out)),
            Object::Dictionary(d) => {
                if let Ok(s) = d.get(b"S") {
                    out.push(name(s));
                }
                if let Ok(k) = d.get(b"K") {
                    walk(doc, k, out);
                }
            }
            _ => {}
        }
    }
    let catalog = doc.catalog().expect("catalog");
    let root = dict(doc, catalog, b"StructTreeRoot");
    let mut out = Vec::new();
    walk(doc, root.get(b"K").expect("/K"), &mut out);
    out
}

#[test]
fn dutch_receipt_contains_the_request_with_diacritics_intact() {
    let doc = parse(&render(&kapvergunning(Lang::Nl)));
    let text = text_of(&doc);
    for needle in [
        "Gemeente Voorbeeld",
        "Ontvangstbevestiging",
        "Zaaknummer",
        "ZAAK-2026-0000000042",
        "Kapvergunning",
        "Ingediend op",
        "29 november 2026, 10:42",
        "Wat gebeurt er nu?",
        "De wettelijke behandeltermijn is 56 dagen.",
        "Uw antwoorden",
        "Om welke boom gaat het?",
        "Eén zomereik naast het café",
        "De boom is ziek; de buren’ dak lijdt schade",
        "€ 85,00 voor de Müller-Ëik",
        "Opmerking (niet ingevuld)",
        "Uw contactgegevens",
        "anouk.de.vries@example.nl",
        "06 12345678",
        "automatisch gemaakt door het digitale loket van Gemeente Voorbeeld",
        "Pagina 1 van 1",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
    }
    assert!(
        !text.contains("Receipt"),
        "English heading in Dutch receipt"
    );
    assert_eq!(doc.get_pages().len(), 1);
}

#[test]
fn receipt_is_a_tagged_accessible_a4_pdf() {
    let pdf = render(&kapvergunning(Lang::Nl));
    let doc = parse(&pdf);
    let catalog = doc.catalog().expect("catalog");

    assert!(catalog.has(b"StructTreeRoot"));
    let mark_info = dict(&doc, catalog, b"MarkInfo");
    assert_eq!(
        mark_info.get(b"Marked").and_then(Object::as_bool).ok(),
        Some(true)
    );
    assert_eq!(text_string(catalog.get(b"Lang").expect("/Lang")), "nl-NL");
    let prefs = dict(&doc, catalog, b"ViewerPreferences");
    assert_eq!(
        prefs.get(b"DisplayDocTitle").and_then(Object::as_bool).ok(),
        Some(true)
    );
    assert!(catalog.has(b"Outlines"), "PDF/UA wants an outline");

    let info = resolve(&doc, doc.trailer.get(b"Info").expect("/Info"))
        .as_dict()
        .expect("info");
    assert_eq!(
        text_string(info.get(b"Title").expect("/Title")),
        "Ontvangstbevestiging ZAAK-2026-0000000042"
    );
    // krilla only writes the PDF/UA identifier when its UA-1 validation passed.
    let xmp = String::from_utf8_lossy(&pdf);
    assert!(xmp.contains("pdfuaid:part"), "not exported as PDF/UA-1");

    let types = structure_types(&doc);
    for t in ["H1", "H2", "P", "Table", "TR", "TH", "TD"] {
        assert!(
            types.iter().any(|s| s == t),
            "no /{t} in structure tree {types:?}"
        );
    }
    let h1 = types.iter().position(|s| s == "H1").expect("H1");
    let table = types.iter().position(|s| s == "Table").expect("Table");
    assert!(
        h1 < table,
        "heading must come before the tables in reading order"
    );

    let page_id = *doc.get_pages().get(&1).expect("page 1");
    let page = doc.get_dictionary(page_id).expect("page dict");
    let media_box: Vec<f32> = page
        .get(b"MediaBox")
        .and_then(Object::as_array)
        .expect("MediaBox")
        .iter()
        .map(|o| o.as_float().expect("number"))
        .collect();
    assert!(
        (media_box[2] - media_box[0] - 595.28).abs() < 0.5,
        "{media_box:?}"
    );
    assert!(
        (media_box[3] - media_box[1] - 841.89).abs() < 0.5,
        "{media_box:?}"
    );

    // Both faces are embedded (as subsetted TrueType programs), nothing relies on system fonts.
    let embedded = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.has(b"FontFile2"))
        .count();
    assert_eq!(embedded, 2, "regular and bold must be embedded");
}

#[test]
fn english_receipt_uses_english_texts() {
    let mut receipt = kapvergunning(Lang::En);
    receipt.handling_days = None;
    let doc = parse(&render(&receipt));
    let text = text_of(&doc);
    for needle in [
        "Receipt",
        "Your request",
        "Case number",
        "Submitted on",
        "What happens next?",
        "as soon as possible",
        "Your answers",
        "(not answered)",
        "Your contact details",
        "Email address",
        "generated automatically by the online portal of Gemeente Voorbeeld",
        "Page 1 of 1",
        "Eén zomereik naast het café",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
    }
    for dutch in [
        "Ontvangstbevestiging",
        "Zaaknummer",
        "Uw antwoorden",
        "Pagina",
    ] {
        assert!(!text.contains(dutch), "Dutch {dutch:?} in English receipt");
    }
    let catalog = doc.catalog().expect("catalog");
    assert_eq!(text_string(catalog.get(b"Lang").expect("/Lang")), "en-GB");
}

#[test]
fn handling_time_sentence_follows_the_days() {
    let mut receipt = kapvergunning(Lang::En);
    receipt.handling_days = Some(1);
    assert!(text_of(&parse(&render(&receipt)))
        .contains("The legal handling time is 1 day. You will hear from us within that time."));
    receipt.lang = Lang::Nl;
    receipt.handling_days = Some(14);
    assert!(
        text_of(&parse(&render(&receipt))).contains("De wettelijke behandeltermijn is 14 dagen.")
    );
}

#[test]
fn sixty_long_answers_flow_onto_more_pages_without_losing_text() {
    let mut receipt = kapvergunning(Lang::Nl);
    receipt.answers = (1..=60)
        .map(|i| {
            (
                format!("Vraag {i}: wat is de reden dat u deze aanvraag indient?"),
                format!(
                    "Antwoord {i}: de eik in onze tuin is ruim veertig jaar oud, staat vlak \
                     bij de gevel en is volgens de boomverzorger ziek; daarom vragen wij één \
                     vergunning om hem te kappen en te vervangen (kosten € {i},50). Einde {i}."
                ),
            )
        })
        .collect();
    let doc = parse(&render(&receipt));
    let pages = doc.get_pages().len();
    assert!(pages > 1, "60 long answers fit on {pages} page(s)?");
    let text = text_of(&doc);
    for (q, a) in &receipt.answers {
        assert!(text.contains(&normalize(q)), "lost question {q:?}");
        assert!(text.contains(&normalize(a)), "lost answer {a:?}");
    }
    assert!(text.contains(&format!("Pagina {pages} van {pages}")));
    assert!(
        text.contains("anouk.de.vries@example.nl"),
        "contact details after the answers"
    );
    // Every answer cell is still tagged as a table cell, across page breaks.
    let types = structure_types(&doc);
    assert_eq!(types.iter().filter(|s| *s == "TD").count(), 3 + 60 + 2);
}

#[test]
fn one_answer_longer_than_a_page_is_split_across_pages() {
    let mut receipt = kapvergunning(Lang::Nl);
    let long = (1..=400)
        .map(|i| format!("woord{i}"))
        .collect::<Vec<_>>()
        .join(" ");
    receipt.answers = vec![("Toelichting".into(), long.clone())];
    let doc = parse(&render(&receipt));
    assert!(doc.get_pages().len() >= 2);
    assert!(body_text_of(&doc).contains(&long));
}

#[test]
fn hostile_input_still_renders_a_validated_pdf() {
    let receipt = Receipt {
        lang: Lang::Nl,
        municipality: String::new(),
        identificatie: "\u{FEFF}ZAAK\u{0000}-1".into(),
        product_title: "Boom 🌳 kappen".into(),
        submitted_at: "\t".into(),
        handling_days: Some(0),
        answers: vec![
            (String::new(), String::new()),
            (
                "日本語?".into(),
                "Regel 1\r\nRegel 2\u{2028}\u{E000}\u{200B}".into(),
            ),
            (
                "URL".into(),
                "https://example.nl/".to_string() + &"a".repeat(3000),
            ),
            ("مرحبا".into(), "שלום".into()),
        ],
        email: String::new(),
        phone: "   ".into(),
    };
    let pdf = render(&receipt);
    let doc = parse(&pdf);
    assert!(String::from_utf8_lossy(&pdf).contains("pdfuaid:part"));
    let text = text_of(&doc);
    assert!(text.contains("ZAAK-1"), "{text}");
    assert!(text.contains("Boom ? kappen"), "{text}");
    assert!(text.contains("Regel 1 Regel 2"), "{text}");
    assert!(text.contains("(niet ingevuld)"), "{text}");
    assert!(!text.contains("Telefoonnummer"), "empty phone shows no row");
    let url = "https://example.nl/".to_string() + &"a".repeat(3000);
    assert!(body_text_of(&doc).replace(' ', "").contains(&url));

    let empty = render(&Receipt::default());
    assert!(text_of(&parse(&empty)).contains("Ontvangstbevestiging"));
}
