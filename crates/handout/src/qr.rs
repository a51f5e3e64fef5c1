//! The QR code printed in the footer, so a phone can open the full article.
//!
//! The `qrcode` crate encodes the data; the mask is chosen here with the standard
//! penalty rules (ISO/IEC 18004, 7.8.3), scored over plain arrays, because the
//! crate's own scoring takes most of a handout's time budget.

use qrcode::canvas::{Canvas, MaskPattern};
use qrcode::{EcLevel, Version};

use crate::layout::QrMatrix;

const MASKS: [MaskPattern; 8] = [
    MaskPattern::Checkerboard,
    MaskPattern::HorizontalLines,
    MaskPattern::VerticalLines,
    MaskPattern::DiagonalLines,
    MaskPattern::LargeCheckerboard,
    MaskPattern::Fields,
    MaskPattern::Diamonds,
    MaskPattern::Meadow,
];

/// Encodes `url` at error-correction level M (15% of the code can be smudged).
/// Fails only for data far longer than any web address.
pub fn encode(url: &str) -> Result<QrMatrix, String> {
    let failed = |e: qrcode::types::QrError| format!("cannot make a QR code of {url}: {e}");
    let level = EcLevel::M;
    let bits = qrcode::bits::encode_auto(url.as_bytes(), level).map_err(failed)?;
    let version = bits.version();
    if !matches!(version, Version::Normal(_)) {
        return Err(format!("cannot make a QR code of {url}"));
    }
    let data = bits.into_bytes();
    let (data, ec) = qrcode::ec::construct_codewords(&data, version, level).map_err(failed)?;
    let mut canvas = Canvas::new(version, level);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&data, &ec);
    let width = version.width() as usize;
    let best = MASKS
        .iter()
        .map(|mask| {
            let mut masked = canvas.clone();
            masked.apply_mask(*mask);
            let dark: Vec<bool> = masked
                .into_colors()
                .into_iter()
                .map(|c| c == qrcode::Color::Dark)
                .collect();
            (penalty(&dark, width), dark)
        })
        .min_by_key(|(score, _)| *score)
        .map(|(_, dark)| dark)
        .expect("eight masks");
    Ok(QrMatrix { width, dark: best })
}

/// The standard QR penalty score of a masked symbol: lower scans better.
pub fn penalty(dark: &[bool], width: usize) -> u32 {
    let at = |x: usize, y: usize| dark[y * width + x];
    let mut score = 0;
    // Rule 1: runs of five or more modules of one colour, in rows and columns.
    for line in 0..width {
        for horizontal in [true, false] {
            let mut run = 1;
            for i in 1..width {
                let (a, b) = if horizontal {
                    (at(i - 1, line), at(i, line))
                } else {
                    (at(line, i - 1), at(line, i))
                };
                if a == b {
                    run += 1;
                } else {
                    if run >= 5 {
                        score += 3 + (run - 5);
                    }
                    run = 1;
                }
            }
            if run >= 5 {
                score += 3 + (run - 5);
            }
        }
    }
    // Rule 2: 2 × 2 blocks of one colour.
    for y in 0..width - 1 {
        for x in 0..width - 1 {
            let c = at(x, y);
            if at(x + 1, y) == c && at(x, y + 1) == c && at(x + 1, y + 1) == c {
                score += 3;
            }
        }
    }
    // Rule 3: 1:1:3:1:1 finder-like patterns with four light modules on one side,
    // found with an 11-module sliding window along every row and column.
    const A: u16 = 0b101_1101_0000;
    const B: u16 = 0b000_0101_1101;
    for line in 0..width {
        let (mut row, mut col) = (0u16, 0u16);
        for i in 0..width {
            row = ((row << 1) | u16::from(at(i, line))) & 0x7FF;
            col = ((col << 1) | u16::from(at(line, i))) & 0x7FF;
            if i >= 10 {
                score += 40 * (u32::from(row == A || row == B) + u32::from(col == A || col == B));
            }
        }
    }
    // Rule 4: how far the share of dark modules is from half.
    let dark_count = dark.iter().filter(|d| **d).count();
    let percent = dark_count * 100 / dark.len().max(1);
    score += 10 * (percent.abs_diff(50) / 5) as u32;
    score
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_web_address_makes_a_square_code_with_finder_patterns() {
        let qr = encode("https://pets.maple-street-vet.example/dogs/anal-gland-leakage/").unwrap();
        assert_eq!(qr.dark.len(), qr.width * qr.width);
        assert!(qr.width >= 21 && (qr.width - 17).is_multiple_of(4));
        // The top-left finder pattern: a dark 7-module border around a light ring.
        let at = |x: usize, y: usize| qr.dark[y * qr.width + x];
        assert!((0..7).all(|i| at(i, 0) && at(0, i) && at(i, 6) && at(6, i)));
        assert!(!at(1, 1) && at(2, 2) && at(4, 4));
        assert!(encode(&"x".repeat(5000)).is_err());
    }

    #[test]
    fn the_chosen_mask_scores_no_worse_than_the_crates_choice() {
        for url in [
            "https://pets.maple-street-vet.example/dogs/anal-gland-leakage/",
            "https://example.test/",
            "https://a-clinic.example/cats/kidney-disease-in-older-cats/",
        ] {
            let ours = encode(url).unwrap();
            let theirs = qrcode::QrCode::with_error_correction_level(url, EcLevel::M).unwrap();
            assert_eq!(ours.width, theirs.width());
            let theirs: Vec<bool> = theirs
                .to_colors()
                .into_iter()
                .map(|c| c == qrcode::Color::Dark)
                .collect();
            assert!(
                penalty(&ours.dark, ours.width) <= penalty(&theirs, ours.width),
                "{url}"
            );
        }
    }

    #[test]
    fn penalty_rules_count_runs_blocks_and_balance() {
        // A 5 × 5 all-light square: 10 runs of 5 (3 each), 16 blocks (3 each), and
        // 0% dark (10 × 10).
        let light = vec![false; 25];
        assert_eq!(penalty(&light, 5), 10 * 3 + 16 * 3 + 100);
        // A checkerboard has no runs or blocks and is half dark.
        let checker: Vec<bool> = (0..25).map(|i| (i % 5 + i / 5) % 2 == 0).collect();
        assert_eq!(penalty(&checker, 5), 0);
    }
}
