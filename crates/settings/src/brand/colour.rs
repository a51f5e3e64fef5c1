//! The clinic's main colour: reading `#0b5c5d`, WCAG contrast, and the nearest
//! colour of the same hue that reads well enough.
//!
//! Contrast follows WCAG 2.2: the relative luminance of each colour, then
//! `(lighter + 0.05) / (darker + 0.05)`. A colour that fails is moved in OKLCH, a
//! space where equal steps of lightness look equal: hue and chroma stay, and only
//! the lightness changes, by as little as will pass. When the new lightness has no
//! sRGB colour with that chroma, the chroma is lowered until one fits.

use std::fmt;

/// The lowest contrast WCAG AA allows for normal text.
pub const AA_TEXT: f64 = 4.5;

/// An sRGB colour with 8 bits per channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colour {
    /// Red, 0 to 255.
    pub r: u8,
    /// Green, 0 to 255.
    pub g: u8,
    /// Blue, 0 to 255.
    pub b: u8,
}

/// White, the colour of the text on the brand colour and of the page.
pub const WHITE: Colour = Colour::rgb(0xff, 0xff, 0xff);

impl Colour {
    /// A colour from its three channels.
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Colour { r, g, b }
    }

    /// Reads a colour written as `#rrggbb` or `#rgb` (either case). The error says
    /// what to write instead.
    pub fn parse(text: &str) -> Result<Colour, String> {
        let hex = text.trim().strip_prefix('#').ok_or_else(|| {
            "is not a colour code: start it with # and six letters or digits".to_string()
        })?;
        let digit = |c: char| c.to_digit(16).map(|d| d as u8);
        let digits: Option<Vec<u8>> = hex.chars().map(digit).collect();
        match digits.as_deref() {
            Some([r, g, b]) => Ok(Colour::rgb(r * 17, g * 17, b * 17)),
            Some([r1, r2, g1, g2, b1, b2]) => {
                Ok(Colour::rgb(r1 * 16 + r2, g1 * 16 + g2, b1 * 16 + b2))
            }
            _ => Err("is not a colour code: after # it needs six letters a-f or digits".into()),
        }
    }

    /// The colour as `#rrggbb`, in lower case.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }

    /// WCAG relative luminance, from 0 (black) to 1 (white).
    pub fn luminance(self) -> f64 {
        let [r, g, b] = self.linear();
        0.2126 * r + 0.7152 * g + 0.0722 * b
    }

    /// The three channels as linear light, 0 to 1.
    fn linear(self) -> [f64; 3] {
        [self.r, self.g, self.b].map(|c| to_linear(f64::from(c) / 255.0))
    }

    /// The grey a greyscale printer or screen shows for this colour (same luminance).
    pub fn grey(self) -> Colour {
        let v = to_byte(from_linear(self.luminance()));
        Colour::rgb(v, v, v)
    }

    /// The same hue, darker by `step` in OKLCH lightness (0 to 1); for hover states.
    pub fn darker(self, step: f64) -> Colour {
        let lch = Oklch::from(self);
        lch.with_lightness((lch.l - step).max(0.0)).to_colour()
    }
}

impl fmt::Display for Colour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.hex())
    }
}

/// The WCAG contrast ratio of two colours, from 1 to 21.
pub fn contrast(a: Colour, b: Colour) -> f64 {
    let (x, y) = (a.luminance(), b.luminance());
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// A ratio as people read it, never rounded up past a limit: 4.497 is "4.49:1".
pub fn ratio_text(ratio: f64) -> String {
    format!("{:.2}:1", (ratio * 100.0).floor() / 100.0)
}

/// The colour of the same hue nearest to `colour` whose contrast with every one of
/// `against` is at least `min`; `None` when no lightness passes (for example, when
/// `against` holds both black and white and `min` is high).
pub fn nearest_passing(colour: Colour, against: &[Colour], min: f64) -> Option<Colour> {
    let passes = |c: Colour| against.iter().all(|other| contrast(c, *other) >= min);
    if passes(colour) {
        return Some(colour);
    }
    let start = Oklch::from(colour);
    // Steps of 0.001 in lightness are finer than one step of an 8-bit channel.
    for step in 1..=1000 {
        let delta = f64::from(step) / 1000.0;
        for l in [start.l - delta, start.l + delta] {
            if !(0.0..=1.0).contains(&l) {
                continue;
            }
            let candidate = start.with_lightness(l).to_colour();
            if passes(candidate) {
                return Some(candidate);
            }
        }
    }
    None
}

fn to_linear(c: f64) -> f64 {
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

fn from_linear(c: f64) -> f64 {
    if c <= 0.003_130_8 {
        c * 12.92
    } else {
        1.055 * c.powf(1.0 / 2.4) - 0.055
    }
}

fn to_byte(c: f64) -> u8 {
    (c.clamp(0.0, 1.0) * 255.0).round() as u8
}

/// A colour in OKLCH: perceived lightness, chroma and hue (in radians).
#[derive(Debug, Clone, Copy)]
struct Oklch {
    l: f64,
    c: f64,
    h: f64,
}

impl From<Colour> for Oklch {
    fn from(colour: Colour) -> Self {
        let [r, g, b] = colour.linear();
        // Björn Ottosson's OKLab, from linear sRGB.
        let l = (0.412_221_470_8 * r + 0.536_332_536_3 * g + 0.051_445_992_9 * b).cbrt();
        let m = (0.211_903_498_2 * r + 0.680_699_545_1 * g + 0.107_396_956_6 * b).cbrt();
        let s = (0.088_302_461_9 * r + 0.281_718_837_6 * g + 0.629_978_700_5 * b).cbrt();
        let lightness = 0.210_454_255_3 * l + 0.793_617_785_0 * m - 0.004_072_046_8 * s;
        let a = 1.977_998_495_1 * l - 2.428_592_205_0 * m + 0.450_593_709_9 * s;
        let b = 0.025_904_037_1 * l + 0.782_771_766_2 * m - 0.808_675_766_0 * s;
        Oklch {
            l: lightness,
            c: a.hypot(b),
            h: b.atan2(a),
        }
    }
}

impl Oklch {
    fn with_lightness(self, l: f64) -> Self {
        Oklch { l, ..self }
    }

    /// Linear sRGB channels, which may fall outside 0 to 1 when out of gamut.
    fn linear(self) -> [f64; 3] {
        let (a, b) = (self.c * self.h.cos(), self.c * self.h.sin());
        let l = (self.l + 0.396_337_777_4 * a + 0.215_803_757_3 * b).powi(3);
        let m = (self.l - 0.105_561_345_8 * a - 0.063_854_172_8 * b).powi(3);
        let s = (self.l - 0.089_484_177_5 * a - 1.291_485_548_0 * b).powi(3);
        [
            4.076_741_662_1 * l - 3.307_711_591_3 * m + 0.230_969_929_2 * s,
            -1.268_438_004_6 * l + 2.609_757_401_1 * m - 0.341_319_396_5 * s,
            -0.004_196_086_3 * l - 0.703_418_614_7 * m + 1.707_614_701_0 * s,
        ]
    }

    /// The nearest sRGB colour: the chroma is lowered (by halving the gap) until the
    /// colour fits, so the hue and lightness stay.
    fn to_colour(self) -> Colour {
        let fits = |lch: Oklch| {
            lch.linear()
                .iter()
                .all(|c| (-1e-9..=1.0 + 1e-9).contains(c))
        };
        let mut lch = self;
        if !fits(lch) {
            let (mut low, mut high) = (0.0, self.c);
            for _ in 0..30 {
                let mid = (low + high) / 2.0;
                if fits(Oklch { c: mid, ..self }) {
                    low = mid;
                } else {
                    high = mid;
                }
            }
            lch.c = low;
        }
        let [r, g, b] = lch
            .linear()
            .map(|c| to_byte(from_linear(c.clamp(0.0, 1.0))));
        Colour::rgb(r, g, b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_long_and_short_codes() {
        assert_eq!(Colour::parse("#0b5c5d").unwrap(), Colour::rgb(11, 92, 93));
        assert_eq!(Colour::parse("#0B5C5D").unwrap().hex(), "#0b5c5d");
        assert_eq!(Colour::parse("#fa0").unwrap(), Colour::rgb(255, 170, 0));
        for bad in ["0b5c5d", "#0b5c5", "#0b5c5g", "teal", "#"] {
            assert!(Colour::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn contrast_matches_known_values() {
        let black = Colour::rgb(0, 0, 0);
        assert!((contrast(black, WHITE) - 21.0).abs() < 1e-9);
        assert!((contrast(WHITE, WHITE) - 1.0).abs() < 1e-9);
        // #767676 is the well-known lightest grey that passes AA on white.
        assert!(contrast(Colour::rgb(0x76, 0x76, 0x76), WHITE) >= AA_TEXT);
        assert!(contrast(Colour::rgb(0x77, 0x77, 0x77), WHITE) < AA_TEXT);
        assert_eq!(ratio_text(4.4999), "4.49:1");
    }

    #[test]
    fn round_trip_through_oklch_keeps_the_colour() {
        for hex in [
            "#0b5c5d", "#ff0000", "#ffffff", "#000000", "#4a90d9", "#f5c518",
        ] {
            let colour = Colour::parse(hex).unwrap();
            assert_eq!(Oklch::from(colour).to_colour(), colour, "{hex}");
        }
    }

    #[test]
    fn the_suggestion_passes_and_keeps_the_hue() {
        let against = [WHITE, Colour::rgb(0xf3, 0xf6, 0xf4)];
        for hex in [
            "#4a9fa0", "#ff0000", "#f5c518", "#9ecbff", "#ffffff", "#888888",
        ] {
            let colour = Colour::parse(hex).unwrap();
            let fixed = nearest_passing(colour, &against, AA_TEXT).unwrap();
            for other in against {
                assert!(contrast(fixed, other) >= AA_TEXT, "{hex} -> {fixed}");
            }
            // Darker, and only just past the limit: the nearest one that passes.
            assert!(fixed.luminance() < colour.luminance(), "{hex} -> {fixed}");
            assert!(contrast(fixed, WHITE) < 5.0, "{hex} -> {fixed}");
            let (h0, h1) = (Oklch::from(colour), Oklch::from(fixed));
            if h0.c > 0.03 {
                let turn = (h0.h - h1.h).abs();
                assert!(
                    turn.min(std::f64::consts::TAU - turn) < 0.1,
                    "{hex} -> {fixed}"
                );
            }
        }
        let good = Colour::parse("#0b5c5d").unwrap();
        assert_eq!(nearest_passing(good, &against, AA_TEXT), Some(good));
    }

    #[test]
    fn no_colour_passes_high_contrast_with_both_black_and_white() {
        let grey = Colour::rgb(0x80, 0x80, 0x80);
        assert_eq!(
            nearest_passing(grey, &[WHITE, Colour::rgb(0, 0, 0)], 7.0),
            None
        );
    }

    #[test]
    fn grey_keeps_the_luminance() {
        let colour = Colour::parse("#0b5c5d").unwrap();
        let grey = colour.grey();
        assert_eq!((grey.r, grey.g), (grey.g, grey.b));
        assert!((contrast(grey, WHITE) - contrast(colour, WHITE)).abs() < 0.1);
        assert!(colour.darker(0.08).luminance() < colour.luminance());
    }
}
