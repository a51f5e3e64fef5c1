//! The structure tree of a sheet (PDF/UA-1): what each painted piece is to
//! someone who listens to the sheet with a screen reader.
//!
//! Each item of the frame gets a place in the tree from its part and role (see
//! [`place`]): a path of structure elements from the `Document` down, such as
//! `Sect` › `L` › `LI` › `LBody` for the words of one sign, or a `Figure` with its
//! alternative text for the sheet's picture. Items with no place
//! (rules, the panel's fill, the badge, the logo) are painted as artifacts. The
//! painter gives each run of items with the same place one marked-content id
//! (MCID), and the tree is written in the order the items first appear, which is
//! the frame's reading order: in two columns, all signs come before the
//! prevention advice.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Object, ObjectId, StringFormat};

use crate::frame::{Item, Part, Role};

/// One step of a path: a structure type and a number that tells siblings of the
/// same type apart.
pub(super) type Step = (&'static str, u32);

/// Where an item sits in the tree, from the `Document` down.
pub(super) type Path = Vec<Step>;

const SIGNS: Step = ("Sect", 1);
const PREVENTION: Step = ("Sect", 2);
const CALL_US: Step = ("Sect", 3);
const BLANKS: Step = ("Sect", 4);
const FOOTER: Step = ("Sect", 5);

/// The place of one painted item, or `None` for an artifact.
pub(super) fn place(item: &Item) -> Option<Path> {
    match item {
        Item::Text(run) => match run.role {
            // Decoration, such as the page marks of a two-sided sheet.
            Role::Decoration => None,
            Role::Label => Some(label_path(run.part)),
            Role::Words => Some(words_path(run.part, run.bold)),
        },
        Item::Checkbox { part, .. } => Some(label_path(*part)),
        Item::Qr { .. } => Some(vec![FOOTER, ("Link", 1), ("Figure", 0)]),
        Item::Picture { .. } => Some(words_path(Part::Picture, false)),
        Item::Link { part, .. } => Some(link_path(*part)),
        Item::Rule { .. } | Item::Panel { .. } | Item::Block { .. } | Item::Image { .. } => None,
    }
}

/// The element that holds a link annotation.
pub(super) fn link_path(part: Part) -> Path {
    match part {
        Part::QrCode => vec![FOOTER, ("Link", 1)],
        _ => vec![FOOTER, ("P", 0), ("Link", 0)],
    }
}

/// The element that holds a fill-in field's widget.
pub(super) fn form_path(part: Part) -> Path {
    let i = match part {
        Part::FillIn(i) => i as u32,
        _ => 0,
    };
    vec![BLANKS, ("Form", i)]
}

/// The list a list item belongs to, and the item's number.
fn list_item(part: Part) -> Option<(Step, u32)> {
    match part {
        Part::Sign(i) => Some((SIGNS, i as u32)),
        Part::Prevention(i) => Some((PREVENTION, i as u32)),
        Part::CallUs(i) => Some((CALL_US, i as u32)),
        _ => None,
    }
}

fn label_path(part: Part) -> Path {
    match list_item(part) {
        Some((list, i)) => vec![list, ("L", 0), ("LI", i), ("Lbl", 0)],
        None => words_path(part, false),
    }
}

fn words_path(part: Part, bold: bool) -> Path {
    let item = |list: Step, i: usize| vec![list, ("L", 0), ("LI", i as u32), ("LBody", 0)];
    match part {
        Part::Sign(i) => item(SIGNS, i),
        Part::Prevention(i) => item(PREVENTION, i),
        Part::CallUs(i) => item(CALL_US, i),
        // The clinic's name (bold) and its contact line are two paragraphs.
        Part::Header => vec![("P", u32::from(!bold))],
        Part::Title => vec![("H1", 0)],
        Part::Intro => vec![("P", 2)],
        Part::SignsHeading => vec![SIGNS, ("H2", 0)],
        Part::PreventionHeading => vec![PREVENTION, ("H2", 0)],
        Part::CallUsHeading => vec![CALL_US, ("H2", 0)],
        Part::CallUsPhone => vec![CALL_US, ("P", 0)],
        Part::FillIn(i) => vec![BLANKS, ("P", i as u32)],
        Part::ReadMore => vec![FOOTER, ("P", 0), ("Link", 0)],
        Part::Updated => vec![FOOTER, ("P", 1)],
        Part::Disclaimer => vec![FOOTER, ("P", 2)],
        Part::QrCode => vec![FOOTER, ("Link", 1)],
        // Page marks, set as decoration and never read out (see `place`): a path
        // only so that every part has one.
        Part::RunningHead | Part::TurnOver => vec![("P", 3)],
        // Between the lists and the call-us panel, as on the sheet.
        Part::Picture => vec![("Figure", 0)],
    }
}

/// What an element holds, in order.
#[derive(Debug)]
enum Kid {
    Element(usize),
    /// Marked content: the page's index and the MCID on that page.
    Mcid(usize, i64),
    /// An annotation, by its index in the page's annotations.
    Annotation(usize),
}

#[derive(Debug)]
struct Element {
    kind: &'static str,
    parent: usize,
    alt: Option<String>,
    kids: Vec<Kid>,
}

/// The tree as it is built while painting.
#[derive(Debug)]
pub(super) struct Tree {
    elements: Vec<Element>,
    by_path: BTreeMap<Path, usize>,
    /// For each page, the element of each MCID, in MCID order.
    mcids: Vec<Vec<usize>>,
}

impl Tree {
    /// A tree with only the `Document` element.
    pub(super) fn new() -> Tree {
        let document = Element {
            kind: "Document",
            parent: 0,
            alt: None,
            kids: Vec::new(),
        };
        let mut by_path = BTreeMap::new();
        by_path.insert(Vec::new(), 0);
        Tree {
            elements: vec![document],
            by_path,
            mcids: vec![Vec::new()],
        }
    }

    /// Goes on to the next page: the MCIDs that follow are that page's, from 0.
    pub(super) fn next_page(&mut self) {
        self.mcids.push(Vec::new());
    }

    /// The element at `path`, made (with any missing parents) after its
    /// siblings when it is new.
    pub(super) fn element(&mut self, path: &[Step]) -> usize {
        if let Some(found) = self.by_path.get(path) {
            return *found;
        }
        let parent = self.element(&path[..path.len() - 1]);
        let index = self.elements.len();
        self.elements.push(Element {
            kind: path[path.len() - 1].0,
            parent,
            alt: None,
            kids: Vec::new(),
        });
        self.elements[parent].kids.push(Kid::Element(index));
        self.by_path.insert(path.to_vec(), index);
        index
    }

    /// A new MCID for content of the element at `path`.
    pub(super) fn mcid(&mut self, path: &[Step]) -> i64 {
        let element = self.element(path);
        let page = self.mcids.len() - 1;
        let on_page = &mut self.mcids[page];
        let mcid = on_page.len() as i64;
        on_page.push(element);
        self.elements[element].kids.push(Kid::Mcid(page, mcid));
        mcid
    }

    /// Gives the element at `path` its alternative text.
    pub(super) fn set_alt(&mut self, path: &[Step], alt: &str) {
        let element = self.element(path);
        self.elements[element].alt = Some(alt.to_string());
    }

    /// Puts the sheet's annotation number `index` in the element at `path`.
    pub(super) fn annotation(&mut self, path: &[Step], index: usize) {
        let element = self.element(path);
        self.elements[element].kids.push(Kid::Annotation(index));
    }

    /// Writes the tree into the document, for its pages (page `i` given
    /// `/StructParents` = `i`) and its annotations (each already given
    /// `/StructParent` = [`Tree::annotation_key`]). Returns the `StructTreeRoot`.
    pub(super) fn write(
        &self,
        pdf: &mut lopdf::Document,
        pages: &[ObjectId],
        annotations: &[ObjectId],
    ) -> ObjectId {
        let root = pdf.new_object_id();
        let ids: Vec<ObjectId> = self.elements.iter().map(|_| pdf.new_object_id()).collect();
        for (index, element) in self.elements.iter().enumerate() {
            // `/Pg` is the page of the element's first marked content; content on
            // another page says its page itself.
            let home = element.kids.iter().find_map(|kid| match kid {
                Kid::Mcid(page, _) => Some(*page),
                _ => None,
            });
            let kids: Vec<Object> = element
                .kids
                .iter()
                .map(|kid| match kid {
                    Kid::Element(e) => Object::Reference(ids[*e]),
                    Kid::Mcid(page, m) if Some(*page) == home => Object::Integer(*m),
                    Kid::Mcid(page, m) => {
                        let mut mcr = Dictionary::new();
                        mcr.set("Type", Object::Name(b"MCR".to_vec()));
                        mcr.set("Pg", Object::Reference(pages[*page]));
                        mcr.set("MCID", Object::Integer(*m));
                        Object::Dictionary(mcr)
                    }
                    Kid::Annotation(a) => {
                        let mut objr = Dictionary::new();
                        objr.set("Type", Object::Name(b"OBJR".to_vec()));
                        objr.set("Obj", Object::Reference(annotations[*a]));
                        Object::Dictionary(objr)
                    }
                })
                .collect();
            // `/Type /StructElem` is optional, and left out to keep the file small;
            // `/Pg` is only needed where the element marks content on the page.
            let mut dict = Dictionary::new();
            dict.set("S", Object::Name(element.kind.as_bytes().to_vec()));
            let parent = if index == 0 {
                root
            } else {
                ids[element.parent]
            };
            dict.set("P", Object::Reference(parent));
            if let Some(home) = home {
                dict.set("Pg", Object::Reference(pages[home]));
            }
            if let Some(alt) = &element.alt {
                dict.set("Alt", text_string(alt));
            }
            // One kid stands alone: shorter, and read the same.
            let kids = match <[Object; 1]>::try_from(kids) {
                Ok([only]) => only,
                Err(kids) => Object::Array(kids),
            };
            dict.set("K", kids);
            pdf.objects.insert(ids[index], Object::Dictionary(dict));
        }
        // The parent tree: key i is page i's content (one entry per MCID), and
        // the keys after the pages are the annotations.
        let mut nums = Vec::new();
        for (page, mcids) in self.mcids.iter().enumerate() {
            nums.push(Object::Integer(page as i64));
            nums.push(Object::Array(
                mcids.iter().map(|e| Object::Reference(ids[*e])).collect(),
            ));
        }
        // A number tree's keys go in ascending order: by annotation.
        let mut owners: Vec<(usize, usize)> = Vec::new();
        for (index, element) in self.elements.iter().enumerate() {
            for kid in &element.kids {
                if let Kid::Annotation(a) = kid {
                    owners.push((*a, index));
                }
            }
        }
        owners.sort_unstable();
        for (a, index) in owners {
            nums.push(Object::Integer(self.annotation_key(a)));
            nums.push(Object::Reference(ids[index]));
        }
        let mut parent_tree = Dictionary::new();
        parent_tree.set("Nums", Object::Array(nums));
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"StructTreeRoot".to_vec()));
        dict.set("K", Object::Reference(ids[0]));
        dict.set("ParentTree", Object::Dictionary(parent_tree));
        dict.set(
            "ParentTreeNextKey",
            Object::Integer(self.annotation_key(annotations.len())),
        );
        pdf.objects.insert(root, Object::Dictionary(dict));
        root
    }
}

impl Tree {
    /// The parent tree's key (the `/StructParent`) of the sheet's annotation
    /// number `index`: after the keys of the pages.
    pub(super) fn annotation_key(&self, index: usize) -> i64 {
        (self.mcids.len() + index) as i64
    }
}

/// A PDF text string: PDFDocEncoding's ASCII part as it is, anything else as
/// UTF-16BE with its byte order mark.
pub(super) fn text_string(text: &str) -> Object {
    if text.is_ascii() {
        return Object::String(text.as_bytes().to_vec(), StringFormat::Literal);
    }
    let mut bytes = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Literal)
}
