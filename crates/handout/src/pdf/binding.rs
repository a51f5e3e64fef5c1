//! Binding sheets already made into one pack PDF, page after page, without laying
//! them out again.
//!
//! The first sheet's file is the base: its catalog, page tree and Info stay. Each
//! further sheet's objects are renumbered past the base's and added:
//!
//! - **pages**: each sheet's pages (one, or two for a two-sided large-print sheet)
//!   join the page tree, in order;
//! - **structure tree**: one `Document` holds every sheet, each sheet's own
//!   `Document` becoming a `Part`; each sheet's parent-tree keys (its pages'
//!   `/StructParents` and its annotations' `/StructParent`) move past the keys
//!   before it, so marked content and links still find their elements;
//! - **form fields**: every blank stays a field to type into. Each is named after
//!   its sheet's first page (`pets-name-2`), so the pet's name typed on one sheet does not show on
//!   another, and keeps its accessible name (`/TU`);
//! - **metadata**: the pack's title in the Info dictionary and the XMP metadata.

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::{Metadata, StreamCache, finish, tags, xmp_metadata};

/// Binds the sheets' PDFs (made by [`super::paint`]) into one PDF, sheet after
/// sheet, in the order given.
pub fn bind(sheets: &[&[u8]], meta: &Metadata<'_>) -> Result<Vec<u8>, String> {
    let mut docs = Vec::new();
    for (i, bytes) in sheets.iter().enumerate() {
        docs.push(
            Document::load_mem(bytes)
                .map_err(|e| format!("sheet {} cannot be read: {e}", i + 1))?,
        );
    }
    let mut docs = docs.into_iter();
    let mut base = docs.next().ok_or("a pack needs at least one sheet")?;
    let base_pages = catalog_ref(&base, b"Pages")?;
    let base_root = catalog_ref(&base, b"StructTreeRoot")?;
    // The pack's own Document element, holding each sheet's as a Part.
    let document = base.new_object_id();
    let first_part = struct_root_kid(&base, base_root)?;
    let mut parts = vec![Object::Reference(first_part)];
    make_part(&mut base, first_part, document)?;
    let mut nums = parent_tree_nums(&base, base_root)?;
    let mut next_key = next_key(&base, base_root)?;
    let mut fields = form_fields(&base);
    rename_fields(&mut base, &fields, 1);
    let mut page_number = base.get_pages().len() + 1;
    let mut form = base
        .catalog()
        .ok()
        .and_then(|c| c.get(b"AcroForm").ok().cloned());

    for mut doc in docs {
        doc.renumber_objects_with(base.max_id + 1);
        let catalog_id = doc
            .trailer
            .get(b"Root")
            .and_then(Object::as_reference)
            .map_err(|e| e.to_string())?;
        let pages = catalog_ref(&doc, b"Pages")?;
        let root = catalog_ref(&doc, b"StructTreeRoot")?;
        let metadata = catalog_ref(&doc, b"Metadata").ok();
        let info = doc.trailer.get(b"Info").and_then(Object::as_reference).ok();
        let own_pages: Vec<ObjectId> = doc.get_pages().values().copied().collect();
        if own_pages.is_empty() {
            return Err("a sheet has no page".to_string());
        }
        let part = struct_root_kid(&doc, root)?;
        make_part(&mut doc, part, document)?;
        parts.push(Object::Reference(part));

        // Parent-tree keys move past the ones before this sheet.
        let offset = next_key;
        let own = parent_tree_nums(&doc, root)?;
        for pair in own.chunks(2) {
            if let [Object::Integer(key), value] = pair {
                nums.push(Object::Integer(key + offset));
                nums.push(value.clone());
            }
        }
        next_key += self::next_key(&doc, root)?;
        for &page in &own_pages {
            let annotations: Vec<ObjectId> = match doc.get_object(page).and_then(Object::as_dict) {
                Ok(dict) => dict
                    .get(b"Annots")
                    .and_then(Object::as_array)
                    .map(|list| list.iter().filter_map(|a| a.as_reference().ok()).collect())
                    .unwrap_or_default(),
                Err(_) => Vec::new(),
            };
            for id in annotations {
                if let Ok(Object::Dictionary(annotation)) = doc.get_object_mut(id)
                    && let Ok(Object::Integer(key)) = annotation.get(b"StructParent").cloned()
                {
                    annotation.set("StructParent", Object::Integer(key + offset));
                }
            }
            if let Ok(Object::Dictionary(dict)) = doc.get_object_mut(page) {
                let key = dict
                    .get(b"StructParents")
                    .and_then(Object::as_i64)
                    .unwrap_or(0);
                dict.set("StructParents", Object::Integer(key + offset));
                dict.set("Parent", Object::Reference(base_pages));
            }
        }

        let own_fields = form_fields(&doc);
        rename_fields(&mut doc, &own_fields, page_number);
        page_number += own_pages.len();
        if form.is_none() {
            form = doc
                .catalog()
                .ok()
                .and_then(|c| c.get(b"AcroForm").ok().cloned());
        }
        fields.extend(own_fields);

        // The sheet's objects join the pack, less its own catalog, page tree,
        // Info, metadata and structure root, which the pack has.
        let skip = [Some(catalog_id), Some(pages), Some(root), metadata, info];
        for (id, object) in std::mem::take(&mut doc.objects) {
            if !skip.contains(&Some(id)) {
                base.objects.insert(id, object);
            }
        }
        base.max_id = base.max_id.max(doc.max_id);
        if let Ok(Object::Dictionary(tree)) = base.get_object_mut(base_pages) {
            if let Ok(Object::Array(kids)) = tree.get_mut(b"Kids") {
                kids.extend(own_pages.iter().map(|page| Object::Reference(*page)));
            }
            let count = tree.get(b"Count").and_then(Object::as_i64).unwrap_or(0);
            tree.set("Count", Object::Integer(count + own_pages.len() as i64));
        }
    }

    let mut element = Dictionary::new();
    element.set("S", Object::Name(b"Document".to_vec()));
    element.set("P", Object::Reference(base_root));
    element.set("K", Object::Array(parts));
    base.objects.insert(document, Object::Dictionary(element));
    // A number tree's keys go in ascending order.
    let mut pairs: Vec<(i64, Object)> = nums
        .chunks(2)
        .filter_map(|pair| match pair {
            [Object::Integer(key), value] => Some((*key, value.clone())),
            _ => None,
        })
        .collect();
    pairs.sort_by_key(|(key, _)| *key);
    let nums: Vec<Object> = pairs
        .into_iter()
        .flat_map(|(key, value)| [Object::Integer(key), value])
        .collect();
    if let Ok(Object::Dictionary(root)) = base.get_object_mut(base_root) {
        root.set("K", Object::Reference(document));
        let mut tree = Dictionary::new();
        tree.set("Nums", Object::Array(nums));
        root.set("ParentTree", Object::Dictionary(tree));
        root.set("ParentTreeNextKey", Object::Integer(next_key));
    }
    if let Some(Object::Dictionary(mut form)) = form {
        form.set(
            "Fields",
            Object::Array(fields.iter().map(|f| Object::Reference(*f)).collect()),
        );
        if let Ok(catalog) = base.catalog_mut() {
            catalog.set("AcroForm", Object::Dictionary(form));
        }
    }

    // The pack's own title, in the Info dictionary and the XMP metadata alike.
    if let Ok(old) = catalog_ref(&base, b"Metadata") {
        base.objects.remove(&old);
    }
    xmp_metadata(&mut base, meta);
    if let Ok(Object::Reference(info)) = base.trailer.get(b"Info").cloned()
        && let Ok(Object::Dictionary(info)) = base.get_object_mut(info)
    {
        info.set("Title", tags::text_string(meta.title));
        info.set("Subject", tags::text_string(meta.subject));
        info.set("Keywords", tags::text_string(&meta.keywords.join(", ")));
    }
    finish(&mut base, meta, &StreamCache::default());
    let mut bytes = Vec::new();
    base.save_to(&mut bytes).map_err(|e| e.to_string())?;
    Ok(bytes)
}

/// The object a key of the catalog points at.
fn catalog_ref(doc: &Document, key: &[u8]) -> Result<ObjectId, String> {
    doc.catalog()
        .and_then(|c| c.get(key))
        .and_then(Object::as_reference)
        .map_err(|_| format!("a sheet has no {}", String::from_utf8_lossy(key)))
}

/// The structure root's one kid: the sheet's `Document` element.
fn struct_root_kid(doc: &Document, root: ObjectId) -> Result<ObjectId, String> {
    doc.get_object(root)
        .and_then(Object::as_dict)
        .and_then(|d| d.get(b"K"))
        .and_then(Object::as_reference)
        .map_err(|_| "a sheet's structure tree has no Document".to_string())
}

/// Makes a sheet's `Document` element a `Part` of the pack's `Document`.
fn make_part(doc: &mut Document, element: ObjectId, parent: ObjectId) -> Result<(), String> {
    match doc.get_object_mut(element) {
        Ok(Object::Dictionary(dict)) => {
            dict.set("S", Object::Name(b"Part".to_vec()));
            dict.set("P", Object::Reference(parent));
            Ok(())
        }
        _ => Err("a sheet's Document element is not a dictionary".to_string()),
    }
}

/// The `/Nums` of a structure root's parent tree.
fn parent_tree_nums(doc: &Document, root: ObjectId) -> Result<Vec<Object>, String> {
    doc.get_object(root)
        .and_then(Object::as_dict)
        .and_then(|d| d.get(b"ParentTree"))
        .and_then(Object::as_dict)
        .and_then(|t| t.get(b"Nums"))
        .and_then(Object::as_array)
        .cloned()
        .map_err(|_| "a sheet's structure tree has no parent tree".to_string())
}

/// The structure root's `/ParentTreeNextKey`.
fn next_key(doc: &Document, root: ObjectId) -> Result<i64, String> {
    doc.get_object(root)
        .and_then(Object::as_dict)
        .and_then(|d| d.get(b"ParentTreeNextKey"))
        .and_then(Object::as_i64)
        .map_err(|_| "a sheet's structure tree has no ParentTreeNextKey".to_string())
}

/// The form fields of a sheet, in order.
fn form_fields(doc: &Document) -> Vec<ObjectId> {
    doc.catalog()
        .and_then(|c| c.get(b"AcroForm"))
        .and_then(Object::as_dict)
        .and_then(|f| f.get(b"Fields"))
        .and_then(Object::as_array)
        .map(|list| list.iter().filter_map(|f| f.as_reference().ok()).collect())
        .unwrap_or_default()
}

/// Names each field after the page it is on: `pets-name` on page 2 becomes
/// `pets-name-2`.
fn rename_fields(doc: &mut Document, fields: &[ObjectId], page: usize) {
    for id in fields {
        if let Ok(Object::Dictionary(field)) = doc.get_object_mut(*id)
            && let Ok(name) = field.get(b"T").and_then(Object::as_str).map(<[u8]>::to_vec)
        {
            let mut name = name;
            let suffix = format!("-{page}");
            if name.starts_with(&[0xFE, 0xFF]) {
                // A name in UTF-16, with its byte order mark.
                name.extend(suffix.encode_utf16().flat_map(u16::to_be_bytes));
            } else {
                name.extend_from_slice(suffix.as_bytes());
            }
            field.set("T", Object::String(name, lopdf::StringFormat::Literal));
        }
    }
}
