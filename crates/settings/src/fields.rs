//! Reading TOML tables field by field, so that every mistake is found and placed.
//!
//! serde stops at the first bad field. Authors deserve the whole list, so site.toml,
//! theme.toml and front matter are read through [`Fields`]: each getter checks one key,
//! records a [`Problem`] with the file, line and column when it is wrong, and the
//! caller carries on. [`Fields::finish`] then reports keys nobody asked for, with a
//! "did you mean" hint.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use pawprint_text::address;
use pawprint_text::date::Date;
use pawprint_text::phone::{self, Phone, PhoneError};
use pawprint_text::problem::{Code, Place, Problem, did_you_mean};
use pawprint_text::source_map::{SourceFile, Span};

/// Whether a field must be present.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Missing is an error.
    Required,
    /// Missing is fine.
    Optional,
}

/// Parses `range` of `file` as a TOML document. Syntax errors are all reported, each
/// placed in the file; the document is returned only when there were none.
pub fn parse_document<'s>(
    file: &'s SourceFile,
    range: Range<usize>,
    problems: &mut Vec<Problem>,
) -> Option<DeTable<'s>> {
    let text = &file.text[range.clone()];
    let (table, errors) = DeTable::parse_recoverable(text);
    if errors.is_empty() {
        return Some(table.into_inner());
    }
    // Curly quotes pasted from a word processor confuse the TOML parser into
    // cryptic errors: say what they are instead, once per line, with the fix.
    let curly = curly_quote_lines(file, range.start, text);
    for (line, fixed) in &curly {
        problems.push(
            Problem::error(
                file.path(),
                "this line has curly quotes “ ” from a word processor; text needs straight quotes",
            )
            .code(Code::SettingsCurlyQuotes)
            .at_line(*line)
            .help(format!(
                "use straight quotes \" instead of “ ”. Type this line as: {fixed}"
            )),
        );
    }
    let mut places = None;
    for error in errors {
        let place = error.span().unwrap_or(0..0);
        let span = file.span(range.start + place.start..range.start + place.end);
        if curly.iter().any(|(l, _)| *l == span.line) {
            continue;
        }
        if let Some(problem) = bad_date(file, span.start, error.message()) {
            problems.push(problem.at_span(span));
            continue;
        }
        let problem = Problem::error(
            file.path(),
            format!("TOML syntax: {}", error.message().trim()),
        )
        .code(Code::SettingsTomlSyntax)
        .at_span(span);
        // A key written twice: the parser kept the first, so show where it is.
        let name = text
            .get(place.clone())
            .unwrap_or_default()
            .trim()
            .trim_matches(|c| c == '"' || c == '\'');
        let first = if error.message().starts_with("duplicate key") {
            let places = places.get_or_insert_with(|| key_places(table.get_ref()));
            earlier_key(places, name, place.start)
        } else {
            None
        };
        let problem = match first {
            Some(first) => problem
                .label("written again here")
                .also_at(Place::span(
                    file.path(),
                    file.span(range.start + first.start..range.start + first.end),
                    "first written here",
                ))
                .help(format!(
                    "keep one of the two `{name}` lines, and remove the other"
                )),
            None => problem.help("check quotes, commas and brackets near this place"),
        };
        problems.push(problem);
    }
    None
}

/// Where each key of the document the parser recovered is written, by name, in
/// the order of the text (made once, when a key is written twice).
fn key_places(table: &DeTable<'_>) -> std::collections::HashMap<String, Vec<Range<usize>>> {
    let mut places: std::collections::HashMap<String, Vec<Range<usize>>> = Default::default();
    let mut tables = vec![table];
    while let Some(table) = tables.pop() {
        for (key, value) in table.iter() {
            places
                .entry(key.get_ref().to_string())
                .or_default()
                .push(key.span());
            let mut values = vec![value.get_ref()];
            while let Some(value) = values.pop() {
                match value {
                    DeValue::Table(inner) => tables.push(inner),
                    DeValue::Array(items) => values.extend(items.iter().map(|item| item.get_ref())),
                    _ => {}
                }
            }
        }
    }
    for spans in places.values_mut() {
        spans.sort_by_key(|span| span.start);
    }
    places
}

/// The place of the last key named `name` that starts before `before`: the first
/// of two keys of the same name (the parser keeps the first, and reports the
/// second).
fn earlier_key(
    places: &std::collections::HashMap<String, Vec<Range<usize>>>,
    name: &str,
    before: usize,
) -> Option<Range<usize>> {
    let spans = places.get(name)?;
    let count = spans.partition_point(|span| span.start < before);
    count.checked_sub(1).map(|last| spans[last].clone())
}

/// The month names, for messages about dates.
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A plain message for a date the TOML parser refused, such as `2026-02-30`:
/// which month has how many days, and a date to type instead.
fn bad_date(file: &SourceFile, offset: usize, message: &str) -> Option<Problem> {
    if !message.contains("date") {
        return None;
    }
    let token: String = file
        .text
        .get(offset..)?
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '-')
        .collect();
    let parts: Vec<&str> = token.split('-').collect();
    let [year, month, day] = parts[..] else {
        return None;
    };
    let (year, month, day): (u16, u8, u8) =
        (year.parse().ok()?, month.parse().ok()?, day.parse().ok()?);
    let (message, help) = match pawprint_text::date::days_in_month(year, month) {
        None => (
            format!("{token} is not a real date: there is no month {month:02}"),
            format!("write the month as 01 to 12, such as {year}-12-{day:02}"),
        ),
        Some(days) if day == 0 || day > days => (
            format!(
                "{token} is not a real date: {} {year} has {days} days",
                MONTHS[usize::from(month) - 1]
            ),
            format!("write a day from 01 to {days}, such as {year}-{month:02}-{days:02}"),
        ),
        Some(_) => return None,
    };
    Some(
        Problem::error(file.path(), message)
            .code(Code::SettingsImpossibleDate)
            .help(help),
    )
}

/// The lines of `text` (which starts at byte `base` of `file`) that have curly
/// quotes outside straight-quoted text, each with the line as it should be typed.
/// Curly quotes inside straight quotes are fine: they are part of the words.
fn curly_quote_lines(file: &SourceFile, base: usize, text: &str) -> Vec<(usize, String)> {
    #[derive(PartialEq)]
    enum In {
        Code,
        Comment,
        Basic,
        Literal,
        MultiBasic,
        MultiLiteral,
    }
    let mut state = In::Code;
    let mut found: Vec<usize> = Vec::new();
    let mut chars = text.char_indices().peekable();
    let rest = |at: usize, what: &str| text[at..].starts_with(what);
    while let Some((at, c)) = chars.next() {
        match state {
            In::Code => match c {
                '#' => state = In::Comment,
                '"' if rest(at, "\"\"\"") => {
                    chars.next();
                    chars.next();
                    state = In::MultiBasic;
                }
                '\'' if rest(at, "'''") => {
                    chars.next();
                    chars.next();
                    state = In::MultiLiteral;
                }
                '"' => state = In::Basic,
                '\'' => state = In::Literal,
                '“' | '”' | '‘' | '’' => {
                    let line = file.line_column(base + at).0;
                    if found.last() != Some(&line) {
                        found.push(line);
                    }
                }
                _ => {}
            },
            In::Comment if c == '\n' => state = In::Code,
            In::Basic if c == '\\' => {
                chars.next();
            }
            In::Basic | In::Literal if c == '\n' => state = In::Code,
            In::Basic if c == '"' => state = In::Code,
            In::Literal if c == '\'' => state = In::Code,
            In::MultiBasic if c == '\\' => {
                chars.next();
            }
            In::MultiBasic if rest(at, "\"\"\"") => {
                chars.next();
                chars.next();
                state = In::Code;
            }
            In::MultiLiteral if rest(at, "'''") => {
                chars.next();
                chars.next();
                state = In::Code;
            }
            _ => {}
        }
    }
    found
        .into_iter()
        .map(|line| {
            let shown = file.text.lines().nth(line - 1).unwrap_or_default().trim();
            let fixed = if shown.contains(['“', '”']) {
                shown.replace(['“', '”'], "\"")
            } else {
                shown.replace(['‘', '’'], "\"")
            };
            (line, fixed)
        })
        .collect()
}

/// One TOML table, read against the keys it may hold.
pub struct Fields<'a, 'i> {
    file: &'a SourceFile,
    /// Byte offset of the TOML text inside the file.
    base: usize,
    table: &'a DeTable<'i>,
    /// Where the table is declared (its `[header]`, or the start of the document),
    /// for "missing field" messages.
    header: Range<usize>,
    /// How keys are named in messages, such as `handout.` for `[handout]`.
    prefix: String,
    known: &'static [&'static str],
}

impl<'a, 'i> Fields<'a, 'i> {
    /// Reads the top level of a document parsed from `file` at byte offset `base`.
    pub fn new(
        file: &'a SourceFile,
        base: usize,
        table: &'a DeTable<'i>,
        known: &'static [&'static str],
    ) -> Self {
        Fields {
            file,
            base,
            table,
            header: base..base,
            prefix: String::new(),
            known,
        }
    }

    /// True when the table has `key`.
    pub fn has(&self, key: &str) -> bool {
        self.table.contains_key(key)
    }

    /// The line and column of `key`'s value, when the table has the key.
    pub fn place(&self, key: &str) -> Option<(usize, usize)> {
        self.value(key)
            .map(|(_, span)| self.file.line_column(self.base + span.start))
    }

    fn value(&self, key: &str) -> Option<(&'a DeValue<'i>, Range<usize>)> {
        self.table
            .get(key)
            .map(|spanned| (spanned.get_ref(), spanned.span()))
    }

    /// The [`Span`] of a range of the parsed TOML text.
    fn span(&self, range: Range<usize>) -> Span {
        self.file
            .span(self.base + range.start..self.base + range.end)
    }

    fn problem_at(&self, range: Range<usize>, code: Code, message: String) -> Problem {
        Problem::error(self.file.path(), message)
            .code(code)
            .at_span(self.span(range))
    }

    /// Where `key`'s value is written (a table's `[header]`), when the table has
    /// the key.
    pub(crate) fn span_of(&self, key: &str) -> Option<Span> {
        self.value(key).map(|(_, range)| self.span(range))
    }

    /// Where item `index` of the list in `key` is written; the whole value when it
    /// is not a list that long.
    pub fn span_of_item(&self, key: &str, index: usize) -> Option<Span> {
        let (value, range) = self.value(key)?;
        let range = match value {
            DeValue::Array(items) => items.get(index).map_or(range, |item| item.span()),
            _ => range,
        };
        Some(self.span(range))
    }

    fn name(&self, key: &str) -> String {
        format!("{}{key}", self.prefix)
    }

    fn missing(&self, key: &str, example: &str, problems: &mut Vec<Problem>) {
        problems.push(
            Problem::error(
                self.file.path(),
                format!("missing required field `{}`", self.name(key)),
            )
            .code(Code::SettingsMissingField)
            .at_span(self.file.span(self.header.clone()))
            .help(format!("add a line such as: {key} = {example}")),
        );
    }

    fn wrong_type(
        &self,
        key: &str,
        expected: &str,
        value: &DeValue<'_>,
        span: &Range<usize>,
        problems: &mut Vec<Problem>,
    ) {
        problems.push(
            self.problem_at(
                span.clone(),
                Code::SettingsWrongType,
                format!(
                    "`{}` should be {expected}, but it is {}",
                    self.name(key),
                    describe(value)
                ),
            )
            .help(format!("write it as {}", example_of(expected))),
        );
    }

    /// A text field. Empty or blank text counts as missing when required.
    pub fn text(&self, key: &str, need: Need, problems: &mut Vec<Problem>) -> Option<String> {
        let Some((value, span)) = self.value(key) else {
            if need == Need::Required {
                self.missing(key, "\"...\"", problems);
            }
            return None;
        };
        match value {
            DeValue::String(text) if text.trim().is_empty() && need == Need::Required => {
                problems.push(
                    self.problem_at(
                        span.clone(),
                        Code::SettingsEmptyText,
                        format!("`{}` is empty", self.name(key)),
                    )
                    .help("write some text between the quotes"),
                );
                None
            }
            DeValue::String(text) => Some(clean(text)),
            other => {
                self.wrong_type(key, "text in quotes", other, &span, problems);
                None
            }
        }
    }

    /// A text field that holds a web address, checked with [`address::check`]
    /// against the schemes it may use. A bad address is an error at its place.
    pub fn address(
        &self,
        key: &str,
        need: Need,
        schemes: &[&str],
        problems: &mut Vec<Problem>,
    ) -> Option<String> {
        let example = format!("{}://www.example-clinic.com/", schemes[0]);
        self.checked(
            key,
            need,
            problems,
            |text| address::check(text, schemes),
            || format!("write the full address, such as \"{example}\""),
        )
    }

    /// A text field that holds an email address, such as `frontdesk@example.com`.
    pub fn email(&self, key: &str, need: Need, problems: &mut Vec<Problem>) -> Option<String> {
        self.checked(key, need, problems, address::check_email, || {
            "write only the address, such as \"frontdesk@example-clinic.com\"".to_string()
        })
    }

    /// An error about the value of `key` (or the table, when `key` is missing),
    /// placed at that value, for checks of a value's meaning or of several fields.
    pub fn problem_at_key(&self, key: &str, code: Code, message: String) -> Problem {
        let span = self
            .span_of(key)
            .unwrap_or_else(|| self.file.span(self.header.clone()));
        Problem::error(self.file.path(), message)
            .code(code)
            .at_span(span)
    }

    /// A text field that holds one phone number, checked against the numbering plan
    /// of `region` (see [`phone::parse`]). A bad number is an error at its place.
    pub fn phone(
        &self,
        key: &str,
        need: Need,
        region: phonenumber::country::Id,
        problems: &mut Vec<Problem>,
    ) -> Option<Phone> {
        let text = self.text(key, need, problems)?;
        match phone::parse(&text, region) {
            Ok(phone) => Some(phone),
            Err(why) => {
                let span = self.value(key).map_or(0..0, |(_, span)| span);
                let message = format!(
                    "`{}` \"{}\" {why}",
                    self.name(key),
                    pawprint_text::text::shorten(&text, 40)
                );
                problems.push(match why {
                    PhoneError::TwoNumbers => self
                        .problem_at(span.clone(), Code::LocationTwoPhones, message)
                        .help("keep one number here; give each clinic its own [[clinic.locations]] entry, or put the second number in emergency_phone"),
                    _ => self
                        .problem_at(span.clone(), Code::LocationBadPhone, message)
                        .help(format!(
                            "write the whole number with its area code, such as \"503-555-0142\", or start with + and the country code; numbers are read as {region:?} numbers (set [site] country to change that)"
                        )),
                });
                None
            }
        }
    }

    /// A text field that names a file relative to a folder pawprint looks in.
    pub(crate) fn file_path(
        &self,
        key: &str,
        need: Need,
        problems: &mut Vec<Problem>,
    ) -> Option<String> {
        self.checked(key, need, problems, address::check_file_path, || {
            "name a file inside the folder, such as \"logo.png\"".to_string()
        })
    }

    fn checked(
        &self,
        key: &str,
        need: Need,
        problems: &mut Vec<Problem>,
        rule: impl Fn(&str) -> Result<(), String>,
        hint: impl Fn() -> String,
    ) -> Option<String> {
        let text = self.text(key, need, problems)?;
        match rule(&text) {
            Ok(()) => Some(text),
            Err(why) => {
                let span = self.value(key).map_or(0..0, |(_, span)| span);
                problems.push(
                    self.problem_at(
                        span,
                        Code::SettingsBadValue,
                        format!(
                            "`{}` \"{}\" {why}",
                            self.name(key),
                            pawprint_text::text::shorten(&text, 40)
                        ),
                    )
                    .help(hint()),
                );
                None
            }
        }
    }

    /// A list of text items holding between `min` and `max` items.
    pub fn text_list(
        &self,
        key: &str,
        need: Need,
        count: Range<usize>,
        problems: &mut Vec<Problem>,
    ) -> Option<Vec<String>> {
        let Some((value, span)) = self.value(key) else {
            if need == Need::Required {
                self.missing(key, "[\"...\", \"...\"]", problems);
            }
            return None;
        };
        let DeValue::Array(items) = value else {
            self.wrong_type(key, "a list of text", value, &span, problems);
            return None;
        };
        let mut texts = Vec::new();
        let mut ok = true;
        for item in items {
            match item.get_ref() {
                DeValue::String(text) if !text.trim().is_empty() => texts.push(clean(text)),
                DeValue::String(_) => {
                    ok = false;
                    problems.push(
                        self.problem_at(
                            item.span(),
                            Code::SettingsEmptyText,
                            format!("`{}` has an empty item", self.name(key)),
                        )
                        .help("remove the empty item or write its text"),
                    );
                }
                other => {
                    ok = false;
                    problems.push(
                        self.problem_at(
                            item.span(),
                            Code::SettingsWrongType,
                            format!(
                                "every item of `{}` should be text in quotes, but one is {}",
                                self.name(key),
                                describe(other)
                            ),
                        )
                        .help("put the item in double quotes"),
                    );
                }
            }
        }
        let n = items.len();
        if n < count.start || n >= count.end {
            let wanted = if count.end == usize::MAX {
                format!("at least {}", count.start)
            } else {
                format!("{} to {}", count.start, count.end - 1)
            };
            let message = if n == 0 {
                format!("`{}` is an empty list", self.name(key))
            } else {
                format!(
                    "`{}` has {n} item{}",
                    self.name(key),
                    pawprint_text::text::plural(n, "", "s")
                )
            };
            let fix = if n < count.start {
                let more = count.start - n;
                format!(
                    "add {more} item{}",
                    pawprint_text::text::plural(more, "", "s")
                )
            } else {
                let fewer = n - (count.end - 1);
                format!(
                    "remove {fewer} item{}",
                    pawprint_text::text::plural(fewer, "", "s")
                )
            };
            problems.push(
                self.problem_at(
                    span.clone(),
                    Code::SettingsWrongCount,
                    format!("{message}; it should have {wanted}"),
                )
                .help(fix),
            );
            ok = false;
        }
        ok.then_some(texts)
    }

    /// A calendar date, written as a TOML date (`2026-11-20`) or as text in quotes.
    pub fn date(&self, key: &str, need: Need, problems: &mut Vec<Problem>) -> Option<Date> {
        let Some((value, span)) = self.value(key) else {
            if need == Need::Required {
                self.missing(key, "2026-11-20", problems);
            }
            return None;
        };
        let date = match value {
            DeValue::Datetime(datetime) if datetime.time.is_none() => datetime
                .date
                .and_then(|d| Date::new(d.year, d.month, d.day)),
            DeValue::String(text) => Date::parse(text.trim()),
            _ => None,
        };
        if date.is_none() {
            problems.push(
                self.problem_at(
                    span.clone(),
                    Code::SettingsBadDate,
                    format!(
                        "`{}` should be a date like 2026-11-20, but it is {}",
                        self.name(key),
                        describe(value)
                    ),
                )
                .help("write the year, month and day as YYYY-MM-DD, with no time"),
            );
        }
        date
    }

    /// A yes-or-no field, written `true` or `false` with no quotes. Missing means
    /// `false`; anything else (`"true"`, `yes`, `1`) is an error at its place.
    pub fn flag(&self, key: &str, problems: &mut Vec<Problem>) -> bool {
        self.flag_or(key, false, problems)
    }

    /// [`Fields::flag`], with `missing` as the value when the field is not written.
    pub(crate) fn flag_or(&self, key: &str, missing: bool, problems: &mut Vec<Problem>) -> bool {
        let Some((value, span)) = self.value(key) else {
            return missing;
        };
        match value {
            DeValue::Boolean(b) => *b,
            other => {
                problems.push(
                    self.problem_at(
                        span.clone(),
                        Code::SettingsBadFlag,
                        format!(
                            "`{}` should be true or false, but it is {}",
                            self.name(key),
                            describe(other)
                        ),
                    )
                    .help(format!(
                        "write it as {key} = true or {key} = false, with no quotes"
                    )),
                );
                missing
            }
        }
    }

    /// A number (integer or decimal).
    pub fn number(&self, key: &str, problems: &mut Vec<Problem>) -> Option<f64> {
        let (value, span) = self.value(key)?;
        let number = match value {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                .ok()
                .map(|n| n as f64),
            DeValue::Float(f) => f.as_str().replace('_', "").parse().ok(),
            _ => None,
        };
        if number.is_none() {
            self.wrong_type(key, "a number", value, &span, problems);
        }
        number
    }

    /// A nested table such as `[handout]`, read against its own known keys.
    pub fn table(
        &self,
        key: &str,
        need: Need,
        known: &'static [&'static str],
        problems: &mut Vec<Problem>,
    ) -> Option<Fields<'a, 'i>> {
        let Some((value, span)) = self.value(key) else {
            if need == Need::Required {
                problems.push(
                    Problem::error(
                        self.file.path(),
                        format!("missing required table `[{}]`", self.name(key)),
                    )
                    .code(Code::SettingsMissingTable)
                    .at_span(self.file.span(self.header.clone()))
                    .help(format!("add a `[{}]` section", self.name(key))),
                );
            }
            return None;
        };
        match value {
            DeValue::Table(table) => Some(self.nested(table, span, key, known)),
            other => {
                self.wrong_type(key, "a table", other, &span, problems);
                None
            }
        }
    }

    /// Every key of this table that holds a table, such as each `[languages.es]`
    /// under `[languages]`, read against `known`; a key holding anything else is
    /// reported. In the order written.
    pub fn tables(
        &self,
        known: &'static [&'static str],
        problems: &mut Vec<Problem>,
    ) -> Vec<(String, Fields<'a, 'i>)> {
        let mut tables = Vec::new();
        for (key, value) in self.table.iter() {
            let name = key.get_ref().to_string();
            match value.get_ref() {
                DeValue::Table(table) => {
                    let nested = self.nested(table, value.span(), &name, known);
                    tables.push((name, nested));
                }
                other => {
                    self.wrong_type(&name, "a table", other, &value.span(), problems);
                }
            }
        }
        tables
    }

    /// A list of tables, such as `sources = [{ title = "...", url = "..." }]`.
    pub fn table_list(
        &self,
        key: &str,
        known: &'static [&'static str],
        problems: &mut Vec<Problem>,
    ) -> Vec<Fields<'a, 'i>> {
        let Some((value, span)) = self.value(key) else {
            return Vec::new();
        };
        let DeValue::Array(items) = value else {
            self.wrong_type(key, "a list of tables", value, &span, problems);
            return Vec::new();
        };
        let mut tables = Vec::new();
        for (i, item) in items.into_iter().enumerate() {
            match item.get_ref() {
                DeValue::Table(table) => {
                    tables.push(self.nested(table, item.span(), &format!("{key}[{i}]"), known))
                }
                other => problems.push(
                    self.problem_at(
                        item.span(), Code::SettingsWrongType,
                        format!(
                            "every item of `{}` should be a table like {{ title = \"...\", url = \"...\" }}, but one is {}",
                            self.name(key),
                            describe(other)
                        ),
                    ),
                ),
            }
        }
        tables
    }

    fn nested(
        &self,
        table: &'a DeTable<'i>,
        header: Range<usize>,
        key: &str,
        known: &'static [&'static str],
    ) -> Fields<'a, 'i> {
        Fields {
            file: self.file,
            base: self.base,
            table,
            header: self.base + header.start..self.base + header.end,
            prefix: format!("{}{key}.", self.prefix),
            known,
        }
    }

    /// The keys of this table that hold tables, with their `Fields`; for free-form
    /// maps such as `[labels.species]`.
    pub fn text_map(&self, problems: &mut Vec<Problem>) -> Vec<(String, String)> {
        let mut entries = Vec::new();
        for (key, value) in self.table.iter() {
            match value.get_ref() {
                DeValue::String(text) => {
                    entries.push((key.get_ref().to_string(), text.to_string()))
                }
                other => problems.push(self.problem_at(
                    value.span(),
                    Code::SettingsWrongType,
                    format!(
                        "`{}` should be text in quotes, but it is {}",
                        self.name(key.get_ref()),
                        describe(other)
                    ),
                )),
            }
        }
        entries
    }

    /// The keys of this table, in the order written.
    pub fn keys(&self) -> Vec<String> {
        self.table
            .iter()
            .map(|(key, _)| key.get_ref().to_string())
            .collect()
    }

    /// True when `key` holds a table, such as `[check.es]` in `[check]`.
    pub(crate) fn holds_table(&self, key: &str) -> bool {
        matches!(self.value(key), Some((DeValue::Table(_), _)))
    }

    /// Reports every key that is not one of the known keys.
    pub fn finish(&self, problems: &mut Vec<Problem>) {
        self.finish_allowing(&[], problems);
    }

    /// [`Fields::finish`], with `also` allowed too: keys known only when the file is
    /// read (such as language tags), or keys already reported another way.
    pub fn finish_allowing(&self, also: &[String], problems: &mut Vec<Problem>) {
        for (key, _) in self.table.iter() {
            let name = key.get_ref();
            if self.known.contains(&name.as_ref()) || also.iter().any(|a| a == name) {
                continue;
            }
            let mut problem = self.problem_at(
                key.span(),
                Code::SettingsUnknownKey,
                format!("unknown key `{}`", self.name(name)),
            );
            problem = match did_you_mean(name, self.known) {
                Some(close) => problem.help(format!("did you mean `{close}`?")),
                None => problem.help(format!(
                    "the keys allowed here are: {}",
                    self.known.join(", ")
                )),
            };
            problems.push(problem);
        }
    }
}

/// Trims text and drops control characters that escapes such as `\u0000` can put
/// in a TOML string: they are not allowed in web pages or feeds.
fn clean(text: &str) -> String {
    let trimmed = text.trim();
    if trimmed
        .chars()
        .any(pawprint_text::text::is_forbidden_control)
    {
        trimmed
            .chars()
            .filter(|c| !pawprint_text::text::is_forbidden_control(*c))
            .collect()
    } else {
        trimmed.to_string()
    }
}

/// A short phrase for a TOML value's type, as an author would say it.
fn describe(value: &DeValue<'_>) -> String {
    match value {
        DeValue::String(s) => format!("the text \"{}\"", pawprint_text::text::shorten(s, 40)),
        DeValue::Integer(i) => format!("the number {}", i.as_str()),
        DeValue::Float(f) => format!("the number {}", f.as_str()),
        DeValue::Boolean(b) => format!("the value {b}"),
        DeValue::Datetime(d) => format!("the date-time {d}"),
        DeValue::Array(_) => "a list".to_string(),
        DeValue::Table(_) => "a table".to_string(),
    }
}

fn example_of(expected: &str) -> &'static str {
    match expected {
        "text in quotes" => "key = \"some text\"",
        "a list of text" => "key = [\"first\", \"second\"]",
        "a number" => "key = 13",
        "a table" => "[key] on its own line, followed by its fields",
        _ => "shown in the guide (docs/src/site-toml.md)",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (SourceFile, Vec<Problem>) {
        (SourceFile::new("t.toml", text.to_string()), Vec::new())
    }

    #[test]
    fn a_duplicate_key_shows_where_it_was_first_written() {
        let (file, mut problems) =
            read("[site]\ntitle = \"a\"\n\n[clinic]\ntitle = \"b\"\nname = 1\ntitle = \"c\"\n");
        assert!(parse_document(&file, 0..file.text.len(), &mut problems).is_none());
        let [problem] = &problems[..] else {
            panic!("{problems:?}")
        };
        assert_eq!(problem.line, Some(7), "{problem}");
        let first = problem.also.as_ref().expect("the first place");
        assert_eq!((first.line, first.column), (Some(5), Some(1)), "{problem}");
        assert_eq!(first.label, "first written here");
    }

    #[test]
    fn every_problem_is_reported_with_its_place() {
        let (file, mut problems) = read("titel = \"x\"\nspecies = \"dog\"\nupdated = 2026-02-30\n");
        // 2026-02-30 is not a real day: the TOML parser itself rejects it.
        let table = parse_document(&file, 0..file.text.len(), &mut problems);
        assert!(table.is_none());
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, Some(3));
    }

    #[test]
    fn an_impossible_date_says_how_many_days_the_month_has() {
        let (file, mut problems) = read("title = \"x\"\nupdated = 2026-02-30\n");
        assert!(parse_document(&file, 0..file.text.len(), &mut problems).is_none());
        assert_eq!(problems.len(), 1, "{problems:#?}");
        let shown = problems[0].to_string();
        assert_eq!(problems[0].line, Some(2));
        assert!(
            shown.contains("2026-02-30 is not a real date: February 2026 has 28 days"),
            "{shown}"
        );
        assert!(
            shown.contains("write a day from 01 to 28, such as 2026-02-28"),
            "{shown}"
        );
        assert!(!shown.contains("check quotes"), "{shown}");

        let (file, mut problems) = read("updated = 2028-02-30\n");
        parse_document(&file, 0..file.text.len(), &mut problems);
        assert!(
            problems[0].message.contains("February 2028 has 29 days"),
            "{problems:#?}"
        );
        let (file, mut problems) = read("updated = 2026-13-01\n");
        parse_document(&file, 0..file.text.len(), &mut problems);
        assert!(
            problems[0].message.contains("there is no month 13"),
            "{problems:#?}"
        );
    }

    #[test]
    fn curly_quotes_are_named_with_the_line_to_type_instead() {
        let text = "title = “Ear care for dogs”\nsummary = \"It’s fine in “straight” quotes\"\nsigns = [‘Head shaking’, \"Smelly ears\"]\n";
        let (file, mut problems) = read(text);
        assert!(parse_document(&file, 0..file.text.len(), &mut problems).is_none());
        let shown: Vec<String> = problems.iter().map(|p| p.short()).collect();
        assert_eq!(
            problems.len(),
            2,
            "one per line with curly quotes: {shown:#?}"
        );
        assert_eq!(problems[0].line, Some(1));
        assert_eq!(problems[1].line, Some(3));
        assert!(shown[0].contains("curly quotes"), "{shown:#?}");
        assert!(
            shown[0].contains("use straight quotes \" instead of “ ”. Type this line as: title = \"Ear care for dogs\""),
            "{shown:#?}"
        );
        assert!(
            shown[1].contains("signs = [\"Head shaking\", \"Smelly ears\"]"),
            "{shown:#?}"
        );
        assert!(
            !shown.iter().any(|s| s.contains("TOML syntax")),
            "{shown:#?}"
        );

        // Curly quotes inside straight quotes are words, not a problem.
        let (file, mut problems) = read("summary = \"It’s “fine”\"\n");
        assert!(parse_document(&file, 0..file.text.len(), &mut problems).is_some());
    }

    #[test]
    fn a_count_out_of_range_says_how_many_to_add_or_remove() {
        let (file, mut problems) =
            read("signs = [\"a\", \"b\", \"c\", \"d\", \"e\"]\nfew = [\"a\"]\n");
        let table = parse_document(&file, 0..file.text.len(), &mut problems).unwrap();
        let fields = Fields::new(&file, 0, &table, &["signs", "few"]);
        assert_eq!(
            fields.text_list("signs", Need::Required, 1..4, &mut problems),
            None
        );
        assert_eq!(
            fields.text_list("few", Need::Required, 3..11, &mut problems),
            None
        );
        assert_eq!(problems[0].help.as_deref(), Some("remove 2 items"));
        assert_eq!(problems[1].help.as_deref(), Some("add 2 items"));
    }

    #[test]
    fn types_counts_and_unknown_keys() {
        let (file, mut problems) =
            read("titel = \"x\"\nspecies = \"dog\"\nsigns = []\nupdated = \"2026-1-2\"\n");
        let table = parse_document(&file, 0..file.text.len(), &mut problems).unwrap();
        let fields = Fields::new(&file, 0, &table, &["title", "species", "signs", "updated"]);
        assert_eq!(fields.text("title", Need::Required, &mut problems), None);
        assert_eq!(
            fields.text_list("species", Need::Required, 1..usize::MAX, &mut problems),
            None
        );
        assert_eq!(
            fields.text_list("signs", Need::Required, 3..11, &mut problems),
            None
        );
        assert_eq!(fields.date("updated", Need::Required, &mut problems), None);
        fields.finish(&mut problems);
        let messages: Vec<String> = problems.iter().map(|p| p.short()).collect();
        assert_eq!(problems.len(), 5, "{messages:#?}");
        assert!(messages[0].contains("missing required field `title`"));
        assert!(messages[1].starts_with("t.toml:2:11:") && messages[1].contains("a list of text"));
        assert!(messages[2].starts_with("t.toml:3:9:") && messages[2].contains("empty list"));
        assert!(messages[3].starts_with("t.toml:4:11:") && messages[3].contains("date like"));
        assert!(
            messages[4].starts_with("t.toml:1:1:") && messages[4].contains("did you mean `title`")
        );
    }

    #[test]
    fn nested_tables_name_their_keys() {
        let (file, mut problems) = read("[handout]\nintro = 3\n");
        let table = parse_document(&file, 0..file.text.len(), &mut problems).unwrap();
        let top = Fields::new(&file, 0, &table, &["handout"]);
        let handout = top
            .table("handout", Need::Required, &["intro"], &mut problems)
            .unwrap();
        assert_eq!(handout.text("intro", Need::Required, &mut problems), None);
        assert!(
            problems[0]
                .to_string()
                .contains("`handout.intro` should be text")
        );
        assert_eq!(problems[0].line, Some(2));
    }
}
