//! Phone numbers as a clinic types them, checked against real numbering plans
//! (the `phonenumber` crate ports Google's libphonenumber rules).
//!
//! A number is read in the site's country (`[site] country`) unless it starts with
//! `+`. It must be a valid number there, not just the right length: that catches a
//! missing area code. A `tel:` link carries the E.164 form (`+15035550142`); pages
//! and handouts show the national form (`(503) 555-0142`).

use phonenumber::{Mode, PhoneNumber, country};

/// A checked phone number, in the forms pages need.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Phone {
    /// The number as the clinic typed it.
    pub typed: String,
    /// The national form, for people to read: `(503) 555-0142`.
    pub national: String,
    /// The E.164 form, for machines: `+15035550142`.
    pub e164: String,
    /// The tap-to-call link: `tel:+15035550142`, with `;ext=12` for an extension.
    pub href: String,
}

/// Why a phone number was refused, in a few plain words; the caller adds the field,
/// the line and the hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhoneError {
    /// The text has no digits at all.
    NoDigits,
    /// The text holds two numbers, such as `503-555-0182 503-555-0300`.
    TwoNumbers,
    /// The country code is not one pawprint knows.
    UnknownCountry(String),
    /// Not a number that can be dialled in that country.
    NotValid(String),
}

impl std::fmt::Display for PhoneError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PhoneError::NoDigits => write!(f, "has no digits"),
            PhoneError::TwoNumbers => write!(f, "holds two phone numbers"),
            PhoneError::UnknownCountry(code) => write!(f, "uses an unknown country code ({code})"),
            PhoneError::NotValid(country) => write!(f, "is not a valid phone number in {country}"),
        }
    }
}

/// The region code of a two-letter country such as `US` or `gb`, when there is one.
pub fn country_id(code: &str) -> Option<country::Id> {
    code.trim().to_ascii_uppercase().parse().ok()
}

/// Reads a phone number typed for `region` (the site's country).
pub fn parse(typed: &str, region: country::Id) -> Result<Phone, PhoneError> {
    let digits: String = typed.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return Err(PhoneError::NoDigits);
    }
    if has_two_numbers(typed, region) {
        return Err(PhoneError::TwoNumbers);
    }
    let number = phonenumber::parse(Some(region), typed)
        .ok()
        .filter(PhoneNumber::is_valid);
    let Some(number) = number else {
        let place = if typed.trim_start().starts_with('+') {
            "any country".to_string()
        } else {
            format!("{region:?}")
        };
        return Err(PhoneError::NotValid(place));
    };
    let e164 = number.format().mode(Mode::E164).to_string();
    let mut href = format!("tel:{e164}");
    if let Some(ext) = number.extension() {
        href.push_str(&format!(";ext={}", &**ext));
    }
    Ok(Phone {
        typed: typed.trim().to_string(),
        national: number.format().mode(Mode::National).to_string(),
        e164,
        href,
    })
}

/// True when the text holds two numbers: parts split by `,`, `;`, `/`, `&`, `|` or
/// the word "or"/"and" that each have digits, or one run of digits that splits into
/// two valid numbers (`5035550182 5035550300`).
fn has_two_numbers(typed: &str, region: country::Id) -> bool {
    let lower = typed.to_lowercase();
    let parts = lower
        .split([',', ';', '/', '&', '|', '\n'])
        .flat_map(|p| p.split(" or "))
        .flat_map(|p| p.split(" and "))
        .filter(|p| p.chars().any(|c| c.is_ascii_digit()))
        .count();
    if parts > 1 {
        return true;
    }
    let valid = |text: &str| {
        phonenumber::parse(Some(region), text)
            .map(|n| n.is_valid())
            .unwrap_or(false)
    };
    if valid(typed) {
        return false;
    }
    let digits: String = typed.chars().filter(char::is_ascii_digit).collect();
    (4..digits.len().saturating_sub(3)).any(|at| valid(&digits[..at]) && valid(&digits[at..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn us(text: &str) -> Result<Phone, PhoneError> {
        parse(text, country::Id::US)
    }

    #[test]
    fn any_spacing_gives_the_same_e164_link() {
        for typed in [
            "503-555-0142",
            "(503) 555-0142",
            "+1 503 555 0142",
            "503.555.0142",
        ] {
            let phone = us(typed).unwrap();
            assert_eq!(phone.e164, "+15035550142", "{typed}");
            assert_eq!(phone.href, "tel:+15035550142", "{typed}");
            assert_eq!(phone.national, "(503) 555-0142", "{typed}");
        }
    }

    #[test]
    fn an_extension_goes_into_the_link() {
        let phone = us("503-555-0142 ext. 12").unwrap();
        assert_eq!(phone.href, "tel:+15035550142;ext=12");
    }

    #[test]
    fn two_numbers_in_one_field_are_refused() {
        for typed in [
            "5035550182 5035550300",
            "503-555-0182 503-555-0300",
            "503-555-0182 / 503-555-0300",
            "503-555-0182 or 503-555-0300",
        ] {
            assert_eq!(us(typed), Err(PhoneError::TwoNumbers), "{typed}");
        }
    }

    #[test]
    fn numbers_that_cannot_be_dialled_are_refused() {
        assert!(matches!(us("555-0142"), Err(PhoneError::NotValid(_))));
        assert!(matches!(us("123-456-7890"), Err(PhoneError::NotValid(_))));
        assert_eq!(us("call us"), Err(PhoneError::NoDigits));
    }

    #[test]
    fn other_countries_use_their_own_format() {
        let phone = parse("020 7946 0958", country_id("gb").unwrap()).unwrap();
        assert_eq!(phone.e164, "+442079460958");
        assert_eq!(phone.national, "020 7946 0958");
    }
}
