//! The clinic's locations: each place owners can call, write to or visit.
//!
//! `site.toml` may list them as `[[clinic.locations]]`. A clinic that lists none is
//! one location: the clinic's own phone, email, address and hours.

use crate::fields::{Fields, Need};
use pawprint_text::phone::Phone;
use pawprint_text::problem::{Code, Problem};

/// One place of the clinic, with its own contacts and hours.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Location {
    /// A short name for addresses and file names, such as `downtown`. `None` for
    /// a clinic that lists no locations: its own contacts are its one location.
    pub id: Option<String>,
    /// The location's name, such as "Downtown clinic".
    pub name: String,
    /// The number owners call.
    pub phone: Phone,
    /// A number for emergencies out of hours, when there is one.
    pub emergency_phone: Option<Phone>,
    /// The email address owners write to.
    pub email: String,
    /// The street address.
    pub address: String,
    /// Opening hours, one line of free text each.
    pub hours: Vec<String>,
}

/// The keys a `[[clinic.locations]]` entry may hold.
pub(crate) const KEYS: &[&str] = &[
    "id",
    "name",
    "phone",
    "emergency_phone",
    "email",
    "address",
    "hours",
];

/// Reads the `[[clinic.locations]]` list, checking each entry and that ids are
/// unique. Entries with problems are left out (the problems say why).
pub(crate) fn read_list(
    clinic: &Fields<'_, '_>,
    region: phonenumber::country::Id,
    problems: &mut Vec<Problem>,
) -> Vec<Location> {
    let mut locations: Vec<Location> = Vec::new();
    // Where each id was first written, for the message about a second one.
    let mut id_places: Vec<(String, Option<pawprint_text::problem::Span>)> = Vec::new();
    for entry in clinic.table_list("locations", KEYS, problems) {
        let id = entry.text("id", Need::Required, problems);
        if let Some(id) = &id
            && !is_slug(id)
        {
            problems.push(
                entry
                    .problem_at_key("id", Code::LocationBadId, format!("location id \"{id}\" is not a short name"))
                    .help("use lowercase letters, digits and dashes, such as \"downtown\" or \"north-side\""),
            );
        }
        if let Some(id) = &id {
            if let Some((_, first)) = id_places.iter().find(|(known, _)| known == id) {
                let mut problem = entry
                    .problem_at_key(
                        "id",
                        Code::LocationDuplicateId,
                        format!("two locations have the id \"{id}\""),
                    )
                    .label("used again here")
                    .help("give each location its own id");
                if let Some(first) = first {
                    let file = problem.file.clone();
                    problem = problem.also_at(pawprint_text::problem::Place::span(
                        file,
                        first.clone(),
                        "first used here",
                    ));
                }
                problems.push(problem);
            } else {
                id_places.push((id.clone(), entry.span_of("id")));
            }
        }
        let location = Location {
            name: entry
                .text("name", Need::Required, problems)
                .unwrap_or_default(),
            phone: match entry.phone("phone", Need::Required, region, problems) {
                Some(phone) => phone,
                None => {
                    entry.finish(problems);
                    continue;
                }
            },
            emergency_phone: entry.phone("emergency_phone", Need::Optional, region, problems),
            email: entry
                .email("email", Need::Required, problems)
                .unwrap_or_default(),
            address: entry
                .text("address", Need::Required, problems)
                .unwrap_or_default(),
            hours: entry
                .text_list("hours", Need::Required, 1..usize::MAX, problems)
                .unwrap_or_default(),
            id,
        };
        entry.finish(problems);
        locations.push(location);
    }
    locations
}

/// Lowercase ASCII letters, digits and single dashes, such as `north-side`.
pub fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}
