//! Lays the receipt out on A4 pages, then draws it with krilla and attaches the structure tree.
//!
//! Layout happens first (so every page can say "page x of n"); each drawn text line belongs
//! to a *slot*, and the structure tree is built from [`Block`]s that refer to slots, in
//! reading order. Rules and page numbers are drawn as artifacts.

use std::num::NonZeroU16;

use krilla::color::rgb;
use krilla::configure::{Accessibility, ConfigurationBuilder, PdfVersion};
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, Node, SpanTag, TableHeaderScope, Tag, TagGroup,
    TagTree,
};
use krilla::text::{Font, TextDirection};
use krilla::{Document, SerializeSettings};

use crate::text::{clean, width, wrap, Weight};
use crate::{Lang, Receipt};

// A4 in PostScript points; krilla's origin is the top-left corner.
const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const MARGIN_X: f32 = 62.0;
const TOP: f32 = 56.0;
/// Content never goes below this line; the page number sits under it.
const BOTTOM: f32 = PAGE_H - 72.0;
const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN_X;

const BODY: f32 = 10.5;
const LEADING: f32 = BODY * 1.45;
const SMALL: f32 = 8.5;
const LABEL_W: f32 = CONTENT_W * 0.38;
const COL_GAP: f32 = 14.0;
const CELL_PAD: f32 = 5.0;

type Rgb = (u8, u8, u8);
const INK: Rgb = (0x1a, 0x1a, 0x1a);
const MUTED: Rgb = (0x4a, 0x4a, 0x4a); // 8.9:1 on white
const ACCENT: Rgb = (0x15, 0x42, 0x73); // dark blue, 10:1 on white
const RULE: Rgb = (0xc8, 0xc8, 0xc8);

/// The fixed texts, per language.
struct Words {
    title: &'static str,
    intro: &'static str,
    your_request: &'static str,
    case_number: &'static str,
    product: &'static str,
    submitted: &'static str,
    next: &'static str,
    your_answers: &'static str,
    no_answers: &'static str,
    not_answered: &'static str,
    contact: &'static str,
    email: &'static str,
    phone: &'static str,
    page: &'static str,
    of: &'static str,
}

const NL: Words = Words {
    title: "Ontvangstbevestiging",
    intro: "Wij hebben uw aanvraag ontvangen. Bewaar deze bevestiging goed.",
    your_request: "Uw aanvraag",
    case_number: "Zaaknummer",
    product: "Product",
    submitted: "Ingediend op",
    next: "Wat gebeurt er nu?",
    your_answers: "Uw antwoorden",
    no_answers: "Bij deze aanvraag zijn geen vragen beantwoord.",
    not_answered: "(niet ingevuld)",
    contact: "Uw contactgegevens",
    email: "E-mailadres",
    phone: "Telefoonnummer",
    page: "Pagina",
    of: "van",
};

const EN: Words = Words {
    title: "Receipt",
    intro: "We have received your request. Please keep this receipt.",
    your_request: "Your request",
    case_number: "Case number",
    product: "Product",
    submitted: "Submitted on",
    next: "What happens next?",
    your_answers: "Your answers",
    no_answers: "No questions were answered for this request.",
    not_answered: "(not answered)",
    contact: "Your contact details",
    email: "Email address",
    phone: "Phone number",
    page: "Page",
    of: "of",
};

fn handling_sentence(lang: Lang, days: Option<u32>) -> String {
    match (lang, days.filter(|d| *d > 0)) {
        (Lang::Nl, Some(1)) => {
            "De wettelijke behandeltermijn is 1 dag. Binnen die termijn hoort u van ons.".into()
        }
        (Lang::Nl, Some(d)) => format!(
            "De wettelijke behandeltermijn is {d} dagen. Binnen die termijn hoort u van ons."
        ),
        (Lang::Nl, None) => "Wij behandelen uw aanvraag zo snel mogelijk en laten u weten \
                             wanneer u een besluit kunt verwachten."
            .into(),
        (Lang::En, Some(1)) => {
            "The legal handling time is 1 day. You will hear from us within that time.".into()
        }
        (Lang::En, Some(d)) => {
            format!("The legal handling time is {d} days. You will hear from us within that time.")
        }
        (Lang::En, None) => "We will handle your request as soon as possible and let you know \
                             when to expect a decision."
            .into(),
    }
}

fn contact_sentence(lang: Lang, email: &str, id: &str) -> String {
    let mut s = String::new();
    match lang {
        Lang::Nl => {
            if !email.is_empty() {
                s.push_str(&format!(
                    "Wij sturen berichten over uw aanvraag naar {email}. "
                ));
            }
            if id.is_empty() {
                s.push_str("Heeft u vragen? Neem dan contact met ons op.");
            } else {
                s.push_str(&format!(
                    "Heeft u vragen? Vermeld dan altijd uw zaaknummer {id}."
                ));
            }
        }
        Lang::En => {
            if !email.is_empty() {
                s.push_str(&format!(
                    "We will send updates about your request to {email}. "
                ));
            }
            if id.is_empty() {
                s.push_str("If you have questions, please contact us.");
            } else {
                s.push_str(&format!(
                    "If you have questions, please always mention your case number {id}."
                ));
            }
        }
    }
    s
}

fn footer_sentence(lang: Lang, municipality: &str) -> String {
    match (lang, municipality.is_empty()) {
        (Lang::Nl, false) => format!(
            "Deze ontvangstbevestiging is automatisch gemaakt door het digitale loket van \
             {municipality}."
        ),
        (Lang::Nl, true) => {
            "Deze ontvangstbevestiging is automatisch gemaakt door het digitale loket.".into()
        }
        (Lang::En, false) => {
            format!(
                "This receipt was generated automatically by the online portal of {municipality}."
            )
        }
        (Lang::En, true) => "This receipt was generated automatically by the online portal.".into(),
    }
}

/// One line of text (or a rule) at a fixed place on a page.
enum Op {
    Text {
        x: f32,
        baseline: f32,
        weight: Weight,
        size: f32,
        color: Rgb,
        text: String,
        /// Which slot (leaf container in the structure tree) this line belongs to.
        slot: usize,
    },
    Rule {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        color: Rgb,
    },
}

/// The logical structure, in reading order. Numbers are slots.
enum Block {
    Heading {
        level: u16,
        title: String,
        slot: usize,
    },
    Para(usize),
    Table(Vec<(usize, usize)>),
}

/// Where a heading landed, for the outline.
struct Anchor {
    level: u16,
    title: String,
    page: usize,
    y: f32,
}

struct Layout {
    pages: Vec<Vec<Op>>,
    y: f32,
    slots: usize,
    blocks: Vec<Block>,
    anchors: Vec<Anchor>,
}

impl Layout {
    fn new() -> Self {
        Layout {
            pages: vec![Vec::new()],
            y: TOP,
            slots: 0,
            blocks: Vec::new(),
            anchors: Vec::new(),
        }
    }

    fn slot(&mut self) -> usize {
        self.slots += 1;
        self.slots - 1
    }

    fn page_index(&self) -> usize {
        self.pages.len() - 1
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Starts a new page unless `height` more points fit on this one (or we are at its top).
    fn ensure(&mut self, height: f32) {
        if self.y + height > BOTTOM && self.y > TOP {
            self.new_page();
        }
    }

    fn push(&mut self, op: Op) {
        if let Some(page) = self.pages.last_mut() {
            page.push(op);
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn line_op(
        &self,
        x: f32,
        top: f32,
        leading: f32,
        weight: Weight,
        size: f32,
        color: Rgb,
        text: String,
        slot: usize,
    ) -> Op {
        // Centre the font's em box in the line box (Liberation's ascent is ~0.9 em).
        let baseline = top + (leading - size) / 2.0 + size * 0.86;
        Op::Text {
            x,
            baseline,
            weight,
            size,
            color,
            text,
            slot,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn line(
        &mut self,
        x: f32,
        top: f32,
        leading: f32,
        weight: Weight,
        size: f32,
        color: Rgb,
        text: String,
        slot: usize,
    ) {
        let op = self.line_op(x, top, leading, weight, size, color, text, slot);
        self.push(op);
    }

    fn flush(&mut self, first: &mut Vec<Op>, second: &mut Vec<Op>) {
        for op in first.drain(..).chain(second.drain(..)) {
            self.push(op);
        }
    }

    /// A wrapped paragraph of full content width; returns its slot.
    fn lines(&mut self, text: &str, weight: Weight, size: f32, leading: f32, color: Rgb) -> usize {
        let slot = self.slot();
        for l in wrap(text, weight, size, CONTENT_W) {
            self.ensure(leading);
            self.line(MARGIN_X, self.y, leading, weight, size, color, l, slot);
            self.y += leading;
        }
        slot
    }

    fn para(&mut self, text: &str, space_after: f32) {
        let slot = self.lines(text, Weight::Regular, BODY, LEADING, INK);
        self.blocks.push(Block::Para(slot));
        self.y += space_after;
    }

    /// A heading, kept on one page with at least `keep` points of what follows it.
    fn heading(&mut self, level: u16, text: &str, keep: f32) {
        let (size, space_before, space_after, color) = match level {
            1 => (22.0, 0.0, 6.0, ACCENT),
            _ => (13.0, 14.0, 4.0, ACCENT),
        };
        let leading = size * 1.3;
        if self.y > TOP {
            self.y += space_before;
        }
        self.ensure(leading + space_after + keep);
        self.anchors.push(Anchor {
            level,
            title: text.to_string(),
            page: self.page_index(),
            y: self.y,
        });
        let slot = self.lines(text, Weight::Bold, size, leading, color);
        self.blocks.push(Block::Heading {
            level,
            title: text.to_string(),
            slot,
        });
        self.y += space_after;
    }

    fn rule(&mut self, color: Rgb) {
        self.push(Op::Rule {
            x: MARGIN_X,
            y: self.y,
            w: CONTENT_W,
            h: 0.6,
            color,
        });
    }

    /// A two-column table: row headers (questions/labels) left, values right.
    fn table(&mut self, rows: Vec<Row>) {
        let value_x = MARGIN_X + LABEL_W + COL_GAP;
        let mut cells = Vec::with_capacity(rows.len());
        self.ensure(keep_height(&rows));
        self.rule(RULE);
        for Row {
            label_lines,
            value_lines,
        } in rows
        {
            let (th, td) = (self.slot(), self.slot());
            cells.push((th, td));
            let n = label_lines.len().max(value_lines.len()).max(1);
            self.ensure(row_keep(n));
            self.y += CELL_PAD;
            // Within a page, all of a cell's lines are written together (question, then
            // answer), so even tools that ignore the tags read the text in a sensible order.
            let (mut label_ops, mut value_ops) = (Vec::new(), Vec::new());
            let mut label_lines = label_lines.into_iter();
            let mut value_lines = value_lines.into_iter();
            for _ in 0..n {
                if self.y + LEADING > BOTTOM {
                    self.flush(&mut label_ops, &mut value_ops);
                    self.new_page();
                    self.rule(RULE);
                    self.y += CELL_PAD;
                }
                let top = self.y;
                if let Some(l) = label_lines.next() {
                    label_ops.push(self.line_op(
                        MARGIN_X,
                        top,
                        LEADING,
                        Weight::Bold,
                        BODY,
                        MUTED,
                        l,
                        th,
                    ));
                }
                if let Some(v) = value_lines.next() {
                    value_ops.push(self.line_op(
                        value_x,
                        top,
                        LEADING,
                        Weight::Regular,
                        BODY,
                        INK,
                        v,
                        td,
                    ));
                }
                self.y += LEADING;
            }
            self.flush(&mut label_ops, &mut value_ops);
            self.y += CELL_PAD;
            self.rule(RULE);
        }
        self.blocks.push(Block::Table(cells));
        self.y += 4.0;
    }
}

/// A table row, already wrapped into lines.
struct Row {
    label_lines: Vec<String>,
    value_lines: Vec<String>,
}

fn rows(pairs: &[(String, String)]) -> Vec<Row> {
    let value_w = CONTENT_W - LABEL_W - COL_GAP;
    pairs
        .iter()
        .map(|(label, value)| Row {
            label_lines: wrap(label, Weight::Bold, BODY, LABEL_W),
            value_lines: wrap(value, Weight::Regular, BODY, value_w),
        })
        .collect()
}

/// How much of a row of `n` lines must fit before it may start on a page: all of it when a
/// page can hold it, otherwise three lines (the rest flows onto the next pages).
fn row_keep(n: usize) -> f32 {
    let whole = n as f32 * LEADING + 2.0 * CELL_PAD;
    if whole <= BOTTOM - TOP {
        whole
    } else {
        3.0 * LEADING + 2.0 * CELL_PAD
    }
}

/// What a heading above a table must be kept with: the table's first row.
fn keep_height(rows: &[Row]) -> f32 {
    rows.first().map_or(0.0, |r| {
        row_keep(r.label_lines.len().max(r.value_lines.len()).max(1))
    })
}

const PARA_KEEP: f32 = 3.0 * LEADING;

fn or_dash(s: String) -> String {
    if s.trim().is_empty() {
        "—".into()
    } else {
        s
    }
}

fn lay_out(r: &Receipt) -> Layout {
    let w = match r.lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
    };
    let municipality = clean(&r.municipality).trim().to_string();
    let id = clean(&r.identificatie).trim().to_string();
    let email = clean(&r.email).trim().to_string();
    let phone = clean(&r.phone).trim().to_string();

    let mut l = Layout::new();
    if !municipality.is_empty() {
        let slot = l.lines(&municipality, Weight::Bold, 12.0, 16.0, INK);
        l.blocks.push(Block::Para(slot));
        l.y += 10.0;
    }
    l.heading(1, w.title, PARA_KEEP);
    l.para(w.intro, 6.0);

    let request = rows(&[
        (w.case_number.into(), or_dash(id.clone())),
        (w.product.into(), or_dash(clean(&r.product_title))),
        (w.submitted.into(), or_dash(clean(&r.submitted_at))),
    ]);
    l.heading(2, w.your_request, keep_height(&request));
    l.table(request);

    l.heading(2, w.next, PARA_KEEP);
    l.para(&handling_sentence(r.lang, r.handling_days), 4.0);
    l.para(&contact_sentence(r.lang, &email, &id), 0.0);

    if r.answers.is_empty() {
        l.heading(2, w.your_answers, PARA_KEEP);
        l.para(w.no_answers, 0.0);
    } else {
        let pairs: Vec<(String, String)> = r
            .answers
            .iter()
            .map(|(q, a)| {
                let a = clean(a);
                let a = if a.trim().is_empty() {
                    w.not_answered.to_string()
                } else {
                    a
                };
                (or_dash(clean(q)), a)
            })
            .collect();
        let answers = rows(&pairs);
        l.heading(2, w.your_answers, keep_height(&answers));
        l.table(answers);
    }

    let mut contact = vec![(w.email.to_string(), or_dash(email))];
    if !phone.is_empty() {
        contact.push((w.phone.to_string(), phone));
    }
    let contact = rows(&contact);
    l.heading(2, w.contact, keep_height(&contact));
    l.table(contact);

    l.y += 18.0;
    l.ensure(2.0 * LEADING);
    let slot = l.lines(
        &footer_sentence(r.lang, &municipality),
        Weight::Regular,
        SMALL + 0.5,
        13.0,
        MUTED,
    );
    l.blocks.push(Block::Para(slot));
    l
}

fn fill(color: Rgb) -> Fill {
    Fill {
        paint: rgb::Color::new(color.0, color.1, color.2).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

struct Fonts {
    regular: Font,
    bold: Font,
}

impl Fonts {
    fn get(&self, weight: Weight) -> Font {
        match weight {
            Weight::Regular => self.regular.clone(),
            Weight::Bold => self.bold.clone(),
        }
    }
}

fn artifact(surface: &mut Surface<'_>, kind: ArtifactType, draw: impl FnOnce(&mut Surface<'_>)) {
    surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(kind)));
    draw(surface);
    surface.end_tagged();
}

fn draw_page(
    surface: &mut Surface<'_>,
    fonts: &Fonts,
    ops: Vec<Op>,
    slots: &mut [Vec<Identifier>],
    footer: &str,
) {
    for op in ops {
        match op {
            Op::Text {
                x,
                baseline,
                weight,
                size,
                color,
                text,
                slot,
            } => {
                let id = surface.start_tagged(ContentTag::Span(SpanTag::empty()));
                surface.set_fill(Some(fill(color)));
                surface.draw_text(
                    Point::from_xy(x, baseline),
                    fonts.get(weight),
                    size,
                    &text,
                    false,
                    TextDirection::LeftToRight,
                );
                surface.end_tagged();
                if let Some(s) = slots.get_mut(slot) {
                    s.push(id);
                }
            }
            Op::Rule { x, y, w, h, color } => {
                let mut pb = PathBuilder::new();
                pb.move_to(x, y);
                pb.line_to(x + w, y);
                pb.line_to(x + w, y + h);
                pb.line_to(x, y + h);
                pb.close();
                if let Some(path) = pb.finish() {
                    artifact(surface, ArtifactType::Layout, |s| {
                        s.set_fill(Some(fill(color)));
                        s.draw_path(&path);
                    });
                }
            }
        }
    }
    let x = PAGE_W - MARGIN_X - width(footer, Weight::Regular, SMALL);
    artifact(surface, ArtifactType::PaginationOther, |s| {
        s.set_fill(Some(fill(MUTED)));
        s.draw_text(
            Point::from_xy(x, PAGE_H - 40.0),
            fonts.get(Weight::Regular),
            SMALL,
            footer,
            false,
            TextDirection::LeftToRight,
        );
    });
}

fn group(tag: impl Into<krilla::tagging::TagKind>, ids: Vec<Identifier>) -> TagGroup {
    TagGroup::with_children(tag, ids.into_iter().map(Node::from).collect())
}

fn tag_tree(blocks: Vec<Block>, mut slots: Vec<Vec<Identifier>>, lang: Lang) -> TagTree {
    let mut take = |slot: usize| slots.get_mut(slot).map(std::mem::take).unwrap_or_default();
    let mut tree = TagTree::new().with_lang(Some(lang.code().to_string()));
    for block in blocks {
        match block {
            Block::Heading { level, title, slot } => {
                let level = NonZeroU16::new(level).unwrap_or(NonZeroU16::MIN);
                tree.push(group(Tag::Hn(level, Some(title)), take(slot)));
            }
            Block::Para(slot) => tree.push(group(Tag::P, take(slot))),
            Block::Table(rows) => {
                let mut body = TagGroup::new(Tag::TBody);
                for (th, td) in rows {
                    let mut tr = TagGroup::new(Tag::TR);
                    tr.push(group(Tag::TH(TableHeaderScope::Row), take(th)));
                    tr.push(group(Tag::TD, take(td)));
                    body.push(tr);
                }
                let mut table = TagGroup::new(Tag::Table);
                table.push(body);
                tree.push(table);
            }
        }
    }
    tree
}

/// One attempt at producing the PDF; `ua` turns on krilla's PDF/UA-1 validation.
fn build(r: &Receipt, ua: bool) -> Result<Vec<u8>, String> {
    let layout = lay_out(r);
    let words = match r.lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
    };
    let id = clean(&r.identificatie).trim().to_string();
    let title = if id.is_empty() {
        words.title.to_string()
    } else {
        format!("{} {id}", words.title)
    };

    let builder = ConfigurationBuilder::new().with_version(PdfVersion::Pdf17);
    let builder = if ua {
        builder.with_accessibility_validator(Accessibility::UA1)
    } else {
        builder
    };
    let configuration = builder.finish().map_err(|e| format!("{e:?}"))?;
    let settings = SerializeSettings {
        configuration,
        enable_tagging: true,
        ..Default::default()
    };
    let mut document = Document::new_with(settings);
    #[allow(clippy::expect_used)] // compiled-in fonts, exercised by every test
    let fonts = Fonts {
        regular: Font::new(Weight::Regular.bytes().into(), 0).expect("embedded regular font"),
        bold: Font::new(Weight::Bold.bytes().into(), 0).expect("embedded bold font"),
    };

    let mut slots: Vec<Vec<Identifier>> = vec![Vec::new(); layout.slots];
    let total = layout.pages.len();
    for (i, ops) in layout.pages.into_iter().enumerate() {
        let settings = PageSettings::from_wh(PAGE_W, PAGE_H).unwrap_or_default();
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        let footer = format!("{} {} {} {total}", words.page, i + 1, words.of);
        draw_page(&mut surface, &fonts, ops, &mut slots, &footer);
        surface.finish();
        page.finish();
    }

    let mut outline = Outline::new();
    let mut current: Option<OutlineNode> = None;
    for a in layout.anchors {
        let node = OutlineNode::new(
            a.title,
            XyzDestination::new(a.page, Point::from_xy(MARGIN_X, a.y)),
        );
        if a.level <= 1 {
            if let Some(done) = current.take() {
                outline.push_child(done);
            }
            current = Some(node.with_open(true));
        } else if let Some(parent) = current.as_mut() {
            parent.push_child(node);
        } else {
            outline.push_child(node);
        }
    }
    if let Some(done) = current {
        outline.push_child(done);
    }
    document.set_outline(outline);

    document.set_metadata(
        Metadata::new()
            .title(title)
            .language(r.lang.code().to_string())
            .creator("Loket".to_string())
            .description(format!(
                "{} — {}",
                words.title,
                clean(&r.product_title).trim()
            )),
    );
    document.set_tag_tree(tag_tree(layout.blocks, slots, r.lang));
    document.finish().map_err(|e| format!("{e:?}"))
}

pub(crate) fn render(r: &Receipt) -> Vec<u8> {
    // Cleaning makes the validated export succeed for any input; should some future input
    // still trip the PDF/UA validator, an unvalidated (but still tagged) file is better
    // than none, and the ASCII-only variant is the last resort.
    build(r, true)
        .or_else(|_| build(r, false))
        .or_else(|_| build(&ascii_only(r), false))
        .unwrap_or_else(|e| panic!("receipt PDF could not be written: {e}"))
}

fn ascii_only(r: &Receipt) -> Receipt {
    let a = |s: &String| -> String {
        s.chars()
            .map(|c| {
                if c.is_ascii_graphic() || c == ' ' || c == '\n' {
                    c
                } else {
                    '?'
                }
            })
            .collect()
    };
    Receipt {
        lang: r.lang,
        municipality: a(&r.municipality),
        identificatie: a(&r.identificatie),
        product_title: a(&r.product_title),
        submitted_at: a(&r.submitted_at),
        handling_days: r.handling_days,
        answers: r.answers.iter().map(|(q, v)| (a(q), a(v))).collect(),
        email: a(&r.email),
        phone: a(&r.phone),
    }
}
