//! Structured data for search engines: schema.org `MedicalWebPage` as JSON-LD.

use serde_json::{Map, Value, json};

use crate::content::{Article, Library};

/// The JSON-LD of an article page, safe to place inside a `<script>` element.
pub fn article_json_ld(library: &Library, article: &Article) -> String {
    let config = &library.config;
    let front = &article.front;
    let clinic = &config.clinic;
    let mut publisher = Map::new();
    publisher.insert("@type".into(), json!("VeterinaryCare"));
    publisher.insert("name".into(), json!(clinic.name));
    publisher.insert("telephone".into(), json!(clinic.phone));
    publisher.insert("email".into(), json!(clinic.email));
    publisher.insert("address".into(), json!(clinic.address));
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

/// JSON inside `<script>` must not contain `</script>` or `<!--`; escaping `<`, `>`
/// and `&` as `\u003c` etc. keeps it valid JSON and inert HTML.
pub fn script_safe(json: &str) -> String {
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
