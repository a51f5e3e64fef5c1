//! Structured data for search engines: schema.org `MedicalWebPage` as JSON-LD.

use serde_json::{Map, Value, json};

use pawprint_content::{Article, Library};
use pawprint_settings::location::Location;

/// The JSON-LD of an article page, safe to place inside a `<script>` element.
pub(crate) fn article_json_ld(library: &Library, article: &Article) -> String {
    let config = &library.config;
    let front = &article.front;
    let clinic = &config.clinic;
    let mut publisher = Map::new();
    publisher.insert("@type".into(), json!("VeterinaryCare"));
    publisher.insert("name".into(), json!(clinic.name));
    if !clinic.several_locations() {
        let only = clinic.first_location();
        publisher.insert("telephone".into(), json!(only.phone.e164));
        publisher.insert("email".into(), json!(only.email));
        publisher.insert("address".into(), json!(only.address));
    } else {
        let places: Vec<Value> = clinic
            .locations
            .iter()
            .map(|l| location_value(l, None))
            .collect();
        publisher.insert("department".into(), Value::Array(places));
    }
    publisher.insert("url".into(), json!(clinic.website));

    let mut page = Map::new();
    page.insert("@context".into(), json!("https://schema.org"));
    page.insert("@type".into(), json!("MedicalWebPage"));
    page.insert("name".into(), json!(front.title));
    page.insert("headline".into(), json!(front.title));
    page.insert("description".into(), json!(front.summary));
    page.insert("url".into(), json!(article.address.permalink));
    page.insert("inLanguage".into(), json!(library.locale.language));
    page.insert("dateModified".into(), json!(front.updated.to_string()));
    if let Some(reviewer) = &front.reviewed_by {
        page.insert("lastReviewed".into(), json!(front.updated.to_string()));
        page.insert(
            "reviewedBy".into(),
            json!({ "@type": "Person", "name": reviewer }),
        );
    }
    if !front.tags.is_empty() {
        page.insert("keywords".into(), json!(front.tags.join(", ")));
    }
    if !front.sources.is_empty() {
        let cited: Vec<Value> = front
            .sources
            .iter()
            .map(|s| json!({ "@type": "CreativeWork", "name": s.title, "url": s.url }))
            .collect();
        page.insert("citation".into(), Value::Array(cited));
    }
    page.insert("publisher".into(), Value::Object(publisher));
    script_safe(&Value::Object(page).to_string())
}

/// A location as schema.org `VeterinaryCare`; `url` is its page, when it has one.
fn location_value(location: &Location, url: Option<&str>) -> Value {
    let mut place = Map::new();
    place.insert("@type".into(), json!("VeterinaryCare"));
    place.insert("name".into(), json!(location.name));
    place.insert("telephone".into(), json!(location.phone.e164));
    place.insert("email".into(), json!(location.email));
    place.insert("address".into(), json!(location.address));
    if let Some(url) = url {
        place.insert("url".into(), json!(url));
    }
    Value::Object(place)
}

/// The JSON-LD of a location's page: schema.org `VeterinaryCare`, with the clinic
/// as its parent organisation, safe to place inside a `<script>` element.
pub(crate) fn location_json_ld(library: &Library, location: &Location, permalink: &str) -> String {
    let clinic = &library.config.clinic;
    let Value::Object(mut place) = location_value(location, Some(permalink)) else {
        return String::new();
    };
    place.insert("@context".into(), json!("https://schema.org"));
    place.insert(
        "parentOrganization".into(),
        json!({ "@type": "VeterinaryCare", "name": clinic.name, "url": clinic.website }),
    );
    script_safe(&Value::Object(place).to_string())
}

/// JSON inside `<script>` must not contain `</script>` or `<!--`; escaping `<`, `>`
/// and `&` as `\u003c` etc. keeps it valid JSON and inert HTML.
pub(crate) fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_safe_json_still_parses() {
        let raw = json!({ "name": "</script><script>alert(1)</script> & co" }).to_string();
        let safe = script_safe(&raw);
        assert!(!safe.contains("</script>"));
        let back: Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["name"], "</script><script>alert(1)</script> & co");
    }
}
