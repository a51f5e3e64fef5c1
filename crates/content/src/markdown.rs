//! The article body: Markdown to HTML, with heading ids, a table of contents, and
//! every link and image recorded so `check` can test them.
//!
//! Supported: CommonMark plus tables, footnotes, strikethrough and task lists.
//! Headings get stable ids made from their text (`## What to do` becomes
//! `id="what-to-do"`), or the id given with `## What to do {#todo}`. Class names
//! (`{.note}`) are kept too; any other attribute in `{...}` (such as `onclick=...`)
//! is left out, with a warning. Footnotes get ids of their own, `fn-` and the
//! label, so they never clash with a heading or the theme.
//!
//! Raw HTML inside Markdown is **not** passed through: it is shown as text, and
//! `check` points at it. The clinic's authors are trusted, but one unclosed `<div>`
//! would break the theme's layout for every owner reading the page.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{
    Alignment, CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd,
};

use pawprint_text::source_map::{SourceFile, Span};

/// Ids the default theme uses on article pages; headings never take them.
pub const RESERVED_IDS: &[&str] = &[
    "main",
    "contents",
    "signs",
    "prevention",
    "call-us",
    "sources",
    "handout",
    "article-body",
];

/// A rendered article body and what was found in it.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Body {
    /// The HTML, ready to place in a template.
    pub html: String,
    /// Second- and third-level headings, for the table of contents.
    pub toc: Vec<TocEntry>,
    /// Every id a link can jump to: headings and footnotes.
    pub anchors: Vec<String>,
    /// Every link and image, in order.
    pub links: Vec<LinkRef>,
    /// The running text (paragraphs and list items), for the reading-level check.
    pub prose: Vec<Prose>,
    /// Where raw HTML was found (and shown as text): the first on each line.
    pub raw_html: Vec<Span>,
    /// Heading attributes that were left out, such as `onclick=...`.
    pub dropped_attributes: Vec<DroppedAttribute>,
}

/// A heading attribute that was left out of the page.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DroppedAttribute {
    /// The attribute as written, such as `onclick=alert(1)` or `.a"b`.
    pub text: String,
    /// The line of the heading.
    pub line: usize,
}

/// One entry of the table of contents.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TocEntry {
    /// 2 or 3, as rendered.
    pub level: u8,
    /// The heading's id.
    pub id: String,
    /// The heading's text.
    pub title: String,
}

/// A paragraph or list item of running text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Prose {
    /// The text, with formatting removed.
    pub text: String,
    /// The line it starts on in the file.
    pub line: usize,
}

/// Whether a reference is a link or an image.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkKind {
    /// `[text](dest)`
    Link,
    /// `![alt](dest)`
    Image,
}

/// Where a link points, once resolved against the article's place in `content/`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Target {
    /// Another website, an email address or a phone number; not checked.
    External,
    /// A heading on this same page.
    Anchor {
        /// The id after `#`.
        id: String,
    },
    /// A page of this site, such as `dogs/anal-gland-leakage/`.
    Page {
        /// The page's path, without the base path, ending in `/` (empty for home).
        path: String,
        /// The id after `#`, if any.
        fragment: Option<String>,
    },
    /// A file of this site, such as `dogs/gland-diagram.png`.
    File {
        /// The file's path, without the base path.
        path: String,
    },
    /// A relative path that climbs out of `content/`.
    Outside,
    /// An empty address (`[text]()`) or only a query (`?q=x`): this same page.
    SamePage,
    /// A `javascript:` (or `vbscript:`, or non-image `data:`) address, which would
    /// run code in the reader's browser. It is written as `#` instead.
    Unsafe,
}

/// A link or image found in an article body.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LinkRef {
    /// Link or image.
    pub kind: LinkKind,
    /// The destination as written.
    pub dest: String,
    /// Where it points.
    pub target: Target,
    /// The text of the link, or the alt text of the image (its first 1,000
    /// characters).
    pub text: String,
    /// The line it is on.
    pub line: usize,
    /// Where it is written, from `[` or `![` to its closing `)`.
    pub span: Span,
}

/// Where the body sits, so relative links can be resolved.
#[derive(Debug, Clone, Copy)]
pub struct Place<'a> {
    /// The site's base path, such as `/` or `/pets/`.
    pub base_path: &'a str,
    /// The article's folder inside `content/`, `/`-separated (empty at the top).
    pub dir: &'a str,
    /// The language folder the pages of this body's language live under, such as
    /// `es/` (empty for the site's main language). Links to pages get it; links to
    /// files (pictures) do not, since every language shares them.
    pub pages: &'a str,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// The pages that are not where their file's name puts them: each translation
/// with its own `slug`. By the path a link to it is written to (such as
/// `es/dogs/ear-care/`, from `ear-care.md`), the path it really has (such as
/// `es/dogs/cuidado-de-orejas/`).
pub type Moved = HashMap<String, String>;

/// Renders `body` (a byte range of `file`) to HTML and collects what `check` needs,
/// with each link to a page resolved where the link is written to
/// ([`render_moved`] knows the pages that are elsewhere).
pub fn render(file: &SourceFile, body: Range<usize>, place: Place<'_>) -> Body {
    render_moved(file, body, place, &Moved::new())
}

/// [`render`], once the address of every page is known: a link to a page of
/// `moved` goes where that page really is.
pub fn render_moved(
    file: &SourceFile,
    body: Range<usize>,
    place: Place<'_>,
    moved: &Moved,
) -> Body {
    let text = &file.text[body.clone()];
    let line_at = |offset: usize| file.line_of(body.start + offset);
    let span_at =
        |range: &Range<usize>| file.span(body.start + range.start..body.start + range.end);
    // Sized once from the number of lines (a line makes about two events: its
    // text and its break), so the list is not copied again and again as it grows.
    let lines = file.line_of(body.end) - file.line_of(body.start) + 1;
    let mut events: Vec<(Event<'_>, Range<usize>)> = Vec::with_capacity(3 * lines + 16);
    events.extend(Parser::new_ext(text, options()).into_offset_iter());

    // A body that uses `#` headings is shifted down one level: the page's title is
    // the only first-level heading.
    let shift = events.iter().any(|(e, _)| {
        matches!(
            e,
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            })
        )
    });

    let mut out = Body::default();
    let mut ids = Ids::new(RESERVED_IDS.iter().copied());
    // Footnotes take their ids first, each `fn-` and its label, so that a heading
    // can never take one of them.
    let mut footnotes: HashMap<String, String> = HashMap::new();
    for (event, _) in &events {
        if let Event::FootnoteReference(label) | Event::Start(Tag::FootnoteDefinition(label)) =
            event
        {
            footnotes.entry(label.to_lowercase()).or_insert_with(|| {
                let slug = pawprint_text::text::slug(label);
                ids.unique(&format!("fn-{slug}"))
            });
        }
    }
    let footnote_id = |label: &str| -> CowStr<'static> {
        CowStr::from(
            footnotes
                .get(&label.to_lowercase())
                .cloned()
                .unwrap_or_default(),
        )
    };
    let mut rendered: Vec<Event<'_>> = Vec::with_capacity(events.len());
    let mut prose = ProseCollector::default();
    // For each open link: its index in `out.links` and the index of its event.
    let mut open_links: Vec<(usize, usize)> = Vec::new();
    // Computed once, so that nested images or long runs cost no second pass.
    let plain = PlainText::new(&events);
    let ends = matching_ends(&events);
    let mut table = TableCells::default();
    let mut i = 0;
    while i < events.len() {
        let (event, range) = &events[i];
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let title = plain.between(i + 1, ends[i], usize::MAX);
                let wanted = match id {
                    Some(id) => id.to_string(),
                    None => pawprint_text::text::slug(&title),
                };
                let id = ids.unique(&wanted);
                let level = if shift { deeper(*level) } else { *level };
                let number = level as u8;
                if number == 2 || number == 3 {
                    out.toc.push(TocEntry {
                        level: number,
                        id: id.clone(),
                        title,
                    });
                }
                out.anchors.push(id.clone());
                let line = line_at(range.start);
                prose.see(event, line);
                let mut kept = Vec::new();
                for class in classes {
                    if is_plain_class(class) {
                        kept.push(class.clone());
                    } else {
                        out.dropped_attributes.push(DroppedAttribute {
                            text: format!(".{class}"),
                            line,
                        });
                    }
                }
                for (name, value) in attrs {
                    let text = match value {
                        Some(value) => format!("{name}={value}"),
                        None => name.to_string(),
                    };
                    out.dropped_attributes.push(DroppedAttribute { text, line });
                }
                rendered.push(Event::Start(Tag::Heading {
                    level,
                    id: Some(CowStr::from(id)),
                    classes: kept,
                    attrs: Vec::new(),
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                prose.see(event, line_at(range.start));
                let level = if shift { deeper(*level) } else { *level };
                rendered.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let (target, href) = if *link_type == LinkType::Email {
                    // The HTML writer puts `mailto:` in front of an email autolink.
                    (Target::External, dest_url.to_string())
                } else {
                    resolve_in(dest_url, place, moved)
                };
                open_links.push((out.links.len(), i));
                out.links.push(LinkRef {
                    kind: LinkKind::Link,
                    dest: dest_url.to_string(),
                    target,
                    text: String::new(),
                    line: line_at(range.start),
                    span: span_at(range),
                });
                rendered.push(Event::Start(Tag::Link {
                    link_type: *link_type,
                    dest_url: href.into(),
                    title: title.clone(),
                    id: id.clone(),
                }));
            }
            Event::End(TagEnd::Link) => {
                if let Some((index, start)) = open_links.pop() {
                    out.links[index].text = plain.between(start + 1, i, usize::MAX);
                }
                rendered.push(event.clone());
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let alt = plain.between(i + 1, ends[i], MAX_ALT_CHARS);
                let (target, href) = resolve_in(dest_url, place, moved);
                out.links.push(LinkRef {
                    kind: LinkKind::Image,
                    dest: dest_url.to_string(),
                    target,
                    text: alt,
                    line: line_at(range.start),
                    span: span_at(range),
                });
                rendered.push(Event::Start(Tag::Image {
                    link_type: *link_type,
                    dest_url: href.into(),
                    title: title.clone(),
                    id: id.clone(),
                }));
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let id = footnote_id(label);
                out.anchors.push(id.to_string());
                prose.see(event, line_at(range.start));
                rendered.push(Event::Start(Tag::FootnoteDefinition(id)));
            }
            Event::FootnoteReference(label) => {
                prose.see(event, line_at(range.start));
                rendered.push(Event::FootnoteReference(footnote_id(label)));
            }
            Event::Start(Tag::Table(_) | Tag::TableHead | Tag::TableRow | Tag::TableCell) => {
                prose.see(event, line_at(range.start));
                rendered.push(table.start(event.clone()));
            }
            Event::End(TagEnd::TableHead | TagEnd::TableCell) => {
                prose.see(event, line_at(range.start));
                table.end(event);
                rendered.push(event.clone());
            }
            other => {
                prose.see(other, line_at(range.start));
                rendered.push(clean(other.clone(), || span_at(range), &mut out));
            }
        }
        i += 1;
    }
    prose.flush();
    out.prose = prose.blocks;
    out.raw_html.dedup_by_key(|span| span.line);

    let mut html = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, rendered.into_iter());
    out.html = html;
    out
}

/// Writes a table cell's alignment as a class (`align-left`, `align-center`,
/// `align-right`) instead of the `style="text-align: …"` attribute that
/// pulldown-cmark writes, which the page's script policy would refuse.
#[derive(Default)]
struct TableCells {
    /// The alignment of each column of the table being written.
    columns: Vec<Alignment>,
    /// True inside the header row.
    head: bool,
    /// The column of the next cell.
    column: usize,
}

impl TableCells {
    /// The event to write for the start of a table, row or cell.
    fn start<'e>(&mut self, event: Event<'e>) -> Event<'e> {
        match event {
            Event::Start(Tag::Table(columns)) => {
                // The writer is told no alignment; the cells carry it as a class.
                let plain = vec![Alignment::None; columns.len()];
                self.columns = columns;
                self.head = false;
                Event::Start(Tag::Table(plain))
            }
            Event::Start(Tag::TableHead) => {
                self.head = true;
                self.column = 0;
                event
            }
            Event::Start(Tag::TableRow) => {
                self.column = 0;
                event
            }
            Event::Start(Tag::TableCell) => {
                let class = match self.columns.get(self.column) {
                    Some(Alignment::Left) => "align-left",
                    Some(Alignment::Center) => "align-center",
                    Some(Alignment::Right) => "align-right",
                    _ => return event,
                };
                let cell = if self.head { "th" } else { "td" };
                // The writer still closes the cell itself, from the same state.
                Event::Html(format!("<{cell} class=\"{class}\">").into())
            }
            other => other,
        }
    }

    /// Notes the end of the header row or of a cell.
    fn end(&mut self, event: &Event<'_>) {
        match event {
            Event::End(TagEnd::TableHead) => self.head = false,
            Event::End(TagEnd::TableCell) => self.column += 1,
            _ => {}
        }
    }
}

/// Raw HTML is turned into plain text (escaped on output), and its place remembered.
fn clean<'e>(event: Event<'e>, span: impl FnOnce() -> Span, out: &mut Body) -> Event<'e> {
    match event {
        Event::Start(Tag::HtmlBlock) => {
            out.raw_html.push(span());
            Event::Start(Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Indented))
        }
        Event::End(TagEnd::HtmlBlock) => Event::End(TagEnd::CodeBlock),
        Event::InlineHtml(html) => {
            out.raw_html.push(span());
            Event::Text(html)
        }
        Event::Html(html) => Event::Text(html),
        // Only the first word of a code block's info string becomes its class
        // (`language-js`); the rest is dropped.
        Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
            let language = info.split_whitespace().next().unwrap_or("").to_string();
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(language.into())))
        }
        other => other,
    }
}

/// For each `Start` event, the index of the `End` that closes it (the number of
/// events when none does); for other events, their own index. One pass.
fn matching_ends(events: &[(Event<'_>, Range<usize>)]) -> Vec<usize> {
    let mut ends: Vec<usize> = (0..events.len()).collect();
    let mut open = Vec::new();
    for (n, (event, _)) in events.iter().enumerate() {
        match event {
            Event::Start(_) => open.push(n),
            Event::End(_) => {
                if let Some(start) = open.pop() {
                    ends[start] = n;
                }
            }
            _ => {}
        }
    }
    for start in open {
        ends[start] = events.len();
    }
    ends
}

/// How much of an image's alt text is kept in its [`LinkRef`]: `check` only asks
/// whether there is any, and images nested in alt text would otherwise repeat
/// the same words once per level.
const MAX_ALT_CHARS: usize = 1000;

/// The words of all events in one string, without formatting, so that the words
/// between any two events are a slice of it.
struct PlainText {
    text: String,
    /// `at[n]` is where the words of event `n` start; one more entry at the end.
    at: Vec<usize>,
}

impl PlainText {
    fn new(events: &[(Event<'_>, Range<usize>)]) -> Self {
        let mut text = String::new();
        let mut at = Vec::with_capacity(events.len() + 1);
        for (event, _) in events {
            at.push(text.len());
            match event {
                Event::Text(t) | Event::Code(t) => text.push_str(t),
                Event::SoftBreak | Event::HardBreak => text.push(' '),
                _ => {}
            }
        }
        at.push(text.len());
        PlainText { text, at }
    }

    /// The words of events `from..to`, trimmed, at most `limit` characters.
    fn between(&self, from: usize, to: usize, limit: usize) -> String {
        let from = self.at[from.min(self.at.len() - 1)];
        let to = self.at[to.min(self.at.len() - 1)].max(from);
        let words = self.text[from..to].trim_start();
        let words = match words.char_indices().nth(limit) {
            Some((cut, _)) => &words[..cut],
            None => words,
        };
        words.trim_end().to_string()
    }
}

fn deeper(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        HeadingLevel::H5 | HeadingLevel::H6 => HeadingLevel::H6,
    }
}

/// A class name from `{.name}` that may reach the page: ASCII letters, digits,
/// `-` and `_`.
fn is_plain_class(class: &str) -> bool {
    !class.is_empty()
        && class
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The ids taken on one page, handing out new ones in O(1) per id (amortised).
struct Ids {
    used: HashSet<String>,
    /// The next number to try after each base id (`what-to-do` -> 3 when
    /// `what-to-do-1` and `-2` are taken).
    next: HashMap<String, usize>,
    /// How many candidates were tried in all (for the tests).
    probes: usize,
}

impl Ids {
    fn new<'a>(taken: impl IntoIterator<Item = &'a str>) -> Self {
        Ids {
            used: taken.into_iter().map(str::to_string).collect(),
            next: HashMap::new(),
            probes: 0,
        }
    }

    /// `wanted` if it is free, else `wanted-1`, `wanted-2`, ... (the first one free).
    fn unique(&mut self, wanted: &str) -> String {
        let base = if wanted.is_empty() { "section" } else { wanted };
        self.probes += 1;
        if self.used.insert(base.to_string()) {
            return base.to_string();
        }
        let n = self.next.entry(base.to_string()).or_insert(1);
        loop {
            self.probes += 1;
            let id = format!("{base}-{n}");
            *n += 1;
            if self.used.insert(id.clone()) {
                return id;
            }
        }
    }
}

/// Works out where `dest` points and the address to write in the HTML.
pub fn resolve(dest: &str, place: Place<'_>) -> (Target, String) {
    resolve_in(dest, place, &Moved::new())
}

/// [`resolve`], with a link to a page of `moved` sent where that page is.
fn resolve_in(dest: &str, place: Place<'_>, moved: &Moved) -> (Target, String) {
    let dest = dest.trim();
    let lower = dest.to_ascii_lowercase();
    let has_scheme = lower.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && !scheme.contains('/')
            && scheme
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b))
    });
    if has_scheme || lower.starts_with("//") {
        if pawprint_text::address::runs_script(dest) {
            return (Target::Unsafe, "#".to_string());
        }
        return (Target::External, dest.to_string());
    }
    if let Some(id) = dest.strip_prefix('#') {
        return (Target::Anchor { id: id.to_string() }, dest.to_string());
    }
    if dest.is_empty() || dest.starts_with('?') {
        return (Target::SamePage, dest.to_string());
    }
    // `path?query#fragment`: the path is resolved; the query and the fragment are
    // kept as written.
    let (path, rest) = dest.split_at(dest.find(['?', '#']).unwrap_or(dest.len()));
    let fragment = rest.split_once('#').map(|(_, f)| f.to_string());
    let joined = if let Some(absolute) = path.strip_prefix('/') {
        normalize(absolute)
    } else if place.dir.is_empty() {
        normalize(path)
    } else {
        normalize(&format!("{}/{path}", place.dir))
    };
    let Some(mut site_path) = joined else {
        return (Target::Outside, dest.to_string());
    };
    let is_markdown = site_path.ends_with(".md");
    let target = if is_markdown {
        site_path.truncate(site_path.len() - 3);
        for index in ["/index", "/_index"] {
            if let Some(stripped) = site_path.strip_suffix(index) {
                site_path = stripped.to_string();
            }
        }
        if site_path == "index" || site_path == "_index" {
            site_path.clear();
        }
        if !site_path.is_empty() {
            site_path.push('/');
        }
        Target::Page {
            path: site_path.clone(),
            fragment: fragment.clone(),
        }
    } else if looks_like_file(&site_path) {
        Target::File {
            path: site_path.clone(),
        }
    } else {
        if !site_path.is_empty() && !site_path.ends_with('/') {
            site_path.push('/');
        }
        Target::Page {
            path: site_path.clone(),
            fragment: fragment.clone(),
        }
    };
    // A translation with its own slug: the link goes where the page is.
    if let Target::Page { path, fragment } = &target
        && let Some(real) = moved.get(&format!("{}{path}", place.pages))
    {
        let href = format!("{}{real}{rest}", place.base_path);
        let target = Target::Page {
            path: real.clone(),
            fragment: fragment.clone(),
        };
        return (target, href);
    }
    // A page of a further language links to pages of its own language.
    let (target, folder) = match target {
        Target::Page { path, fragment } => (
            Target::Page {
                path: format!("{}{path}", place.pages),
                fragment,
            },
            place.pages,
        ),
        other => (other, ""),
    };
    let href = format!("{}{folder}{site_path}{rest}", place.base_path);
    (target, href)
}

fn looks_like_file(path: &str) -> bool {
    path.rsplit('/')
        .next()
        .is_some_and(|name| name.contains('.') && !name.ends_with('.'))
}

/// Resolves `.` and `..` in a `/`-separated path; `None` if it climbs above the top.
/// A trailing `/` is kept.
fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    let mut out = parts.join("/");
    if path.ends_with('/') && !out.is_empty() {
        out.push('/');
    }
    Some(out)
}

/// Gathers paragraphs and list items as plain text, with the line each starts on.
#[derive(Default)]
struct ProseCollector {
    blocks: Vec<Prose>,
    current: Option<Prose>,
    /// Inside a code block or table, where text is not prose.
    skip_depth: usize,
}

impl ProseCollector {
    fn see(&mut self, event: &Event<'_>, line: usize) {
        match event {
            Event::Start(
                Tag::CodeBlock(_) | Tag::Table(_) | Tag::HtmlBlock | Tag::Heading { .. },
            ) => {
                self.flush();
                self.skip_depth += 1
            }
            Event::End(
                TagEnd::CodeBlock | TagEnd::Table | TagEnd::HtmlBlock | TagEnd::Heading(_),
            ) => self.skip_depth = self.skip_depth.saturating_sub(1),
            Event::Start(Tag::Paragraph | Tag::Item | Tag::List(_))
            | Event::End(TagEnd::Paragraph | TagEnd::Item) => self.flush(),
            Event::Text(text) | Event::Code(text) if self.skip_depth == 0 => {
                let block = self.current.get_or_insert_with(|| Prose {
                    text: String::new(),
                    line,
                });
                block.text.push_str(text);
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(block) = &mut self.current {
                    block.text.push(' ');
                }
            }
            _ => {}
        }
    }

    fn flush(&mut self) {
        if let Some(mut block) = self.current.take() {
            // Trimmed in place: most blocks need no trimming, and none a copy.
            block.text.truncate(block.text.trim_end().len());
            let start = block.text.len() - block.text.trim_start().len();
            block.text.drain(..start);
            if !block.text.is_empty() {
                self.blocks.push(block);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(markdown: &str) -> Body {
        let text = format!("+++\n+++\n{markdown}");
        let file = SourceFile::new("content/dogs/a.md", text);
        let place = Place {
            base_path: "/",
            dir: "dogs",
            pages: "",
        };
        render(&file, 8..file.text.len(), place)
    }

    #[test]
    fn headings_get_stable_unique_ids_and_a_toc() {
        let b =
            body("## What to do\n\ntext\n\n### What to do\n\n## Signs {#my-signs}\n\n## Signs\n");
        let ids: Vec<&str> = b.toc.iter().map(|t| t.id.as_str()).collect();
        // "signs" is one of the theme's own ids, so the heading gets "signs-1".
        assert_eq!(ids, ["what-to-do", "what-to-do-1", "my-signs", "signs-1"]);
        assert!(b.html.contains("<h2 id=\"what-to-do\">What to do</h2>"));
        assert_eq!(b.toc[1].level, 3);
    }

    #[test]
    fn a_link_to_a_moved_page_goes_where_it_is() {
        let text = "+++\n+++\nSee [ears](ear-care.md#why), [eyes](eyes.md) and [ears again](/dogs/ear-care/).\n";
        let file = SourceFile::new("content/dogs/a.es.md", text.to_string());
        let place = Place {
            base_path: "/pets/",
            dir: "dogs",
            pages: "es/",
        };
        let moved = Moved::from([(
            "es/dogs/ear-care/".to_string(),
            "es/dogs/cuidado-de-orejas/".to_string(),
        )]);
        let b = render_moved(&file, 8..file.text.len(), place, &moved);
        assert!(
            b.html
                .contains("<a href=\"/pets/es/dogs/cuidado-de-orejas/#why\">ears</a>"),
            "{}",
            b.html
        );
        assert!(
            b.html.contains("<a href=\"/pets/es/dogs/eyes/\">eyes</a>"),
            "{}",
            b.html
        );
        assert!(
            b.html
                .contains("<a href=\"/pets/es/dogs/cuidado-de-orejas/\">ears again</a>"),
            "{}",
            b.html
        );
        let targets: Vec<&Target> = b.links.iter().map(|l| &l.target).collect();
        assert_eq!(
            targets[0],
            &Target::Page {
                path: "es/dogs/cuidado-de-orejas/".to_string(),
                fragment: Some("why".to_string()),
            }
        );
        // Without the moved pages, the link goes where it is written to.
        let plain = render(&file, 8..file.text.len(), place);
        assert!(
            plain
                .html
                .contains("<a href=\"/pets/es/dogs/ear-care/#why\">ears</a>")
        );
    }

    #[test]
    fn first_level_headings_are_moved_down() {
        let b = body("# Big\n\n## Smaller\n");
        assert!(b.html.contains("<h2 id=\"big\">"));
        assert!(b.html.contains("<h3 id=\"smaller\">"));
    }

    #[test]
    fn extensions_render() {
        let b = body(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ and a note[^1]\n\n- [ ] task\n\n[^1]: The note.\n",
        );
        assert!(b.html.contains("<table>"));
        assert!(b.html.contains("<del>old</del>"));
        assert!(b.html.contains("footnote-reference"));
        assert!(b.html.contains("type=\"checkbox\""));
        assert!(b.anchors.contains(&"fn-1".to_string()));
    }

    #[test]
    fn table_alignment_is_a_class_not_a_style() {
        let b = body(
            "| a | b | c | d |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n| 5 | 6 |\n\n| e |\n|--:|\n| 7 |\n",
        );
        assert!(!b.html.contains("style="), "{}", b.html);
        assert!(
            b.html.contains("<thead><tr><th class=\"align-left\">a</th><th class=\"align-center\">b</th><th class=\"align-right\">c</th><th>d</th></tr></thead>"),
            "{}",
            b.html
        );
        assert!(
            b.html.contains("<tr><td class=\"align-left\">1</td><td class=\"align-center\">2</td><td class=\"align-right\">3</td><td>4</td></tr>"),
            "{}",
            b.html
        );
        assert!(
            b.html.contains("<tr><td class=\"align-left\">5</td><td class=\"align-center\">6</td><td class=\"align-right\"></td><td></td></tr>"),
            "{}",
            b.html
        );
        // A second table starts over with its own columns.
        assert!(
            b.html.contains("<th class=\"align-right\">e</th>")
                && b.html.contains("<td class=\"align-right\">7</td>"),
            "{}",
            b.html
        );
    }

    #[test]
    fn heading_attributes_other_than_id_and_plain_classes_are_left_out() {
        let b = body(
            "## Welcome {#hi .note onclick=alert(1) style=\"color:red\" .b\"ad autofocus}\n\n### Two {onmouseover=x}\n",
        );
        assert!(
            b.html.contains("<h2 id=\"hi\" class=\"note\">Welcome</h2>"),
            "{}",
            b.html
        );
        assert!(b.html.contains("<h3 id=\"two\">Two</h3>"), "{}", b.html);
        let lower = b.html.to_lowercase();
        for bad in ["onclick", "style", "autofocus", "onmouseover", "b&quot;ad"] {
            assert!(!lower.contains(bad), "{bad} reached {}", b.html);
        }
        let dropped: Vec<(&str, usize)> = b
            .dropped_attributes
            .iter()
            .map(|d| (d.text.as_str(), d.line))
            .collect();
        assert_eq!(
            dropped,
            [
                (".b\"ad", 3),
                ("onclick=alert(1)", 3),
                ("style=\"color:red\"", 3),
                ("autofocus", 3),
                ("onmouseover=x", 5)
            ]
        );
    }

    #[test]
    fn code_block_info_gives_only_a_language_class() {
        let b = body("```js onclick=alert(1) x\ncode\n```\n\n```\tjs\tonclick=y\nz\n```\n");
        assert!(
            b.html.contains("<pre><code class=\"language-js\">code"),
            "{}",
            b.html
        );
        assert!(!b.html.contains("onclick"), "{}", b.html);
    }

    #[test]
    fn email_autolinks_become_mailto_links() {
        let b = body("Write to <frontdesk@clinic.example>.\n");
        assert!(
            b.html.contains(
                "<a href=\"mailto:frontdesk@clinic.example\">frontdesk@clinic.example</a>"
            ),
            "{}",
            b.html
        );
        assert_eq!(b.links[0].target, Target::External);
    }

    #[test]
    fn empty_links_stay_empty_and_queries_and_fragments_survive() {
        let b = body(
            "[link]() [s](/search/?q=fleas) [v2](guide.pdf?v=2) [x](x.md#frag) [y](y.md?a=1#b) [q](?page=2)\n",
        );
        for href in [
            "href=\"\"",
            "href=\"/search/?q=fleas\"",
            "href=\"/dogs/guide.pdf?v=2\"",
            "href=\"/dogs/x/#frag\"",
            "href=\"/dogs/y/?a=1#b\"",
            "href=\"?page=2\"",
        ] {
            assert!(b.html.contains(href), "{href} not in {}", b.html);
        }
        assert_eq!(b.links[0].target, Target::SamePage);
        assert_eq!(
            b.links[1].target,
            Target::Page {
                path: "search/".into(),
                fragment: None
            }
        );
        assert_eq!(
            b.links[2].target,
            Target::File {
                path: "dogs/guide.pdf".into()
            }
        );
        assert_eq!(
            b.links[4].target,
            Target::Page {
                path: "dogs/y/".into(),
                fragment: Some("b".into())
            }
        );
        assert_eq!(b.links[5].target, Target::SamePage);
    }

    #[test]
    fn footnote_ids_never_clash_with_headings_or_the_theme() {
        let b = body(
            "## Notes\n\nA note[^notes] and a sign[^signs].\n\n## fn-notes\n\n[^notes]: One.\n\n[^signs]: Two.\n",
        );
        assert!(b.html.contains("<h2 id=\"notes\">"), "{}", b.html);
        assert!(b.html.contains("<h2 id=\"fn-notes-1\">"), "{}", b.html);
        assert!(b.html.contains("href=\"#fn-notes\""), "{}", b.html);
        assert!(b.html.contains("id=\"fn-notes\""), "{}", b.html);
        assert!(b.html.contains("href=\"#fn-signs\""), "{}", b.html);
        assert!(b.html.contains("id=\"fn-signs\""), "{}", b.html);
        assert!(!b.html.contains("id=\"signs\""), "{}", b.html);
        let mut ids: Vec<&str> = b
            .html
            .match_indices(" id=\"")
            .map(|(i, m)| {
                let rest = &b.html[i + m.len()..];
                &rest[..rest.find('"').unwrap()]
            })
            .collect();
        let all = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), all, "duplicate ids in {}", b.html);
    }

    #[test]
    fn id_deduplication_is_constant_work_per_heading() {
        // 40,000 headings with the same text: before, each one counted up from 1,
        // some 800 million tries in all.
        let mut ids = Ids::new(RESERVED_IDS.iter().copied());
        for _ in 0..40_000 {
            ids.unique("a");
        }
        assert!(ids.probes <= 2 * 40_000, "{} tries", ids.probes);
        // Numbered ids taken in advance are skipped once each, and stay unique.
        let mut ids = Ids::new(["b-1", "b-2", "b-3"]);
        let got: Vec<String> = (0..3).map(|_| ids.unique("b")).collect();
        assert_eq!(got, ["b", "b-4", "b-5"]);
        assert_eq!(ids.unique("b-4"), "b-4-1");
        assert_eq!(ids.unique(""), "section");
    }

    #[test]
    fn nested_images_keep_a_bounded_alt_text() {
        let b = body("![a ![b ![c](x.png) d](y.png) e](z.png) and [link *text*](q.md)\n");
        let texts: Vec<&str> = b.links.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["a b c d e", "b c d", "c", "link text"]);
        // 20,000 images inside each other: one pass finds where each ends (it
        // took 200 million steps when each image searched for its own end).
        let n = 20_000;
        let b = body(&format!("{}word{}\n", "![".repeat(n), "](x.png)".repeat(n)));
        assert_eq!(b.links.len(), n);
        let total: usize = b.links.iter().map(|l| l.text.len()).sum();
        assert!(total <= n * 4, "{total}");
    }

    #[test]
    fn forty_thousand_headings_render() {
        let markdown = "## a\n".repeat(40_000);
        let b = body(&markdown);
        assert_eq!(b.toc.len(), 40_000);
        assert_eq!(b.toc[39_999].id, "a-39999");
    }

    #[test]
    fn links_are_resolved_and_recorded_with_lines() {
        let b = body(
            "See [ears](ear-infections.md#signs) and [cats](/cats/).\n\n![A gland](diagram.png)\n\n[web](https://example.test) [up](../../x.md)\n",
        );
        assert_eq!(b.links.len(), 5);
        assert_eq!(
            b.links[0].target,
            Target::Page {
                path: "dogs/ear-infections/".into(),
                fragment: Some("signs".into())
            }
        );
        assert!(b.html.contains("href=\"/dogs/ear-infections/#signs\""));
        assert_eq!(b.links[0].text, "ears");
        assert_eq!(b.links[0].line, 3);
        assert_eq!(
            b.links[1].target,
            Target::Page {
                path: "cats/".into(),
                fragment: None
            }
        );
        assert_eq!(b.links[2].kind, LinkKind::Image);
        assert_eq!(b.links[2].text, "A gland");
        assert_eq!(
            b.links[2].target,
            Target::File {
                path: "dogs/diagram.png".into()
            }
        );
        assert_eq!(b.links[2].line, 5);
        assert!(b.html.contains("src=\"/dogs/diagram.png\""));
        assert_eq!(b.links[3].target, Target::External);
        assert_eq!(b.links[4].target, Target::Outside);
    }

    #[test]
    fn script_addresses_are_neutralised() {
        let b = body(
            "[x](javascript:alert(1)) [y]( JavaScript:alert(1)) [z](data:text/html,hi) ![ok](data:image/png;base64,AA)\n",
        );
        let targets: Vec<&Target> = b.links.iter().map(|l| &l.target).collect();
        assert_eq!(
            targets,
            [
                &Target::Unsafe,
                &Target::Unsafe,
                &Target::Unsafe,
                &Target::External
            ]
        );
        assert!(!b.html.to_lowercase().contains("javascript:"));
        assert!(!b.html.contains("data:text"));
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        let b = body("Hello <script>alert(1)</script>\n\n<div>\nopen\n");
        assert!(!b.html.contains("<script>"));
        assert!(b.html.contains("&lt;script&gt;"));
        assert!(!b.html.contains("<div>"));
        assert!(b.html.contains("<pre><code>&lt;div&gt;"));
        let lines: Vec<usize> = b.raw_html.iter().map(|span| span.line).collect();
        assert_eq!(lines, vec![3, 5]);
        assert_eq!((b.raw_html[0].column, b.raw_html[0].end_column), (7, 15));
    }

    #[test]
    fn links_and_images_carry_the_span_of_what_was_written() {
        let b = body("Ear [care](ear-care.md) and ![](ear.png).\n");
        let [link, image] = &b.links[..] else {
            panic!("{:?}", b.links)
        };
        assert_eq!(
            (link.span.line, link.span.column, link.span.end_column),
            (3, 5, 24)
        );
        assert_eq!(
            (image.span.line, image.span.column, image.span.end_column),
            (3, 29, 41)
        );
        assert_eq!(
            link.span.excerpt,
            "Ear [care](ear-care.md) and ![](ear.png)."
        );
    }

    #[test]
    fn prose_skips_code_and_tables() {
        let b = body(
            "One two.\nThree.\n\n- item *one*\n- item two\n\n```\ncode\n```\n\n| a |\n|---|\n| cell |\n",
        );
        let texts: Vec<&str> = b.prose.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, ["One two. Three.", "item one", "item two"]);
        assert_eq!(b.prose[1].line, 6);
    }
}
