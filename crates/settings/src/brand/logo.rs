//! The clinic's logo for the handout header: a PNG (decoded to pixels) or a JPEG
//! (kept as it is, with its size and colour components read from its header).
//!
//! A [`Logo`] is plain picture data. How a painter stores it (compressed, in a
//! PDF colour space) is the painter's business.

/// A decoded logo.
#[derive(Debug, Clone, PartialEq)]
pub struct Logo {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// The picture data.
    pub data: LogoData,
}

/// The picture itself.
#[derive(Debug, Clone, PartialEq)]
pub enum LogoData {
    /// A JPEG file's bytes, unchanged.
    Jpeg {
        /// The file's bytes.
        bytes: Vec<u8>,
        /// Colour components: 1 (grey), 3 (RGB) or 4 (CMYK).
        components: u8,
    },
    /// Decoded 8-bit pixels.
    Pixels {
        /// Grey (1 byte per pixel) or RGB (3 bytes per pixel).
        color: Vec<u8>,
        /// True when `color` is RGB, false when grey.
        rgb: bool,
        /// One byte of opacity per pixel, when the image has any transparency.
        alpha: Option<Vec<u8>>,
    },
}

/// Decodes the bytes of a PNG or JPEG file. The error says, in plain words, what
/// is wrong with the picture; the loader places it in site.toml.
pub fn decode(bytes: Vec<u8>) -> Result<Logo, String> {
    if bytes.starts_with(&[0xFF, 0xD8]) {
        jpeg(bytes)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        png(&bytes)
    } else {
        Err("the logo is neither a PNG nor a JPEG file".into())
    }
}

/// Reads the size and colour components from a JPEG's frame header.
fn jpeg(bytes: Vec<u8>) -> Result<Logo, String> {
    let mut i = 2;
    while i + 4 <= bytes.len() {
        if bytes[i] != 0xFF {
            return Err("the JPEG file is damaged".into());
        }
        let marker = bytes[i + 1];
        let length = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        let is_frame = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if is_frame {
            if i + 9 >= bytes.len() {
                break;
            }
            let height = u32::from(u16::from_be_bytes([bytes[i + 5], bytes[i + 6]]));
            let width = u32::from(u16::from_be_bytes([bytes[i + 7], bytes[i + 8]]));
            let components = bytes[i + 9];
            if width == 0 || height == 0 || !matches!(components, 1 | 3 | 4) {
                return Err(
                    "the JPEG file has an unusual format; save it as a plain RGB JPEG or PNG"
                        .into(),
                );
            }
            check_size(width, height)?;
            return Ok(Logo {
                width,
                height,
                data: LogoData::Jpeg { bytes, components },
            });
        }
        i += 2 + length;
    }
    Err("the JPEG file has no picture size in it".into())
}

/// True for a CMYK JPEG saved the way Photoshop saves one: with Adobe's APP14
/// marker, and each ink stored inverted (0 for full ink). A PDF shows it right
/// only with `/Decode [1 0 1 0 1 0 1 0]`, and a decoder must know it too.
pub fn adobe_inverted(bytes: &[u8]) -> bool {
    let mut i = 2;
    while i + 4 <= bytes.len() && bytes[i] == 0xFF {
        let marker = bytes[i + 1];
        // The picture data starts: no marker after this one says anything more.
        if marker == 0xDA {
            return false;
        }
        let length = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        if marker == 0xEE && bytes.get(i + 4..i + 9) == Some(b"Adobe".as_slice()) {
            return true;
        }
        i += 2 + length;
    }
    false
}

/// The most pixels a logo may have across and down.
pub const MAX_SIDE: u32 = 2000;

/// Refuses a logo wider or taller than [`MAX_SIDE`] pixels: the sheet prints it
/// about 40 mm wide, and a bigger picture only makes every PDF heavier.
fn check_size(width: u32, height: u32) -> Result<(), String> {
    if width > MAX_SIDE || height > MAX_SIDE {
        return Err(format!(
            "the picture is {width} × {height} pixels; use one at most {MAX_SIDE} pixels wide and {MAX_SIDE} high"
        ));
    }
    Ok(())
}

fn png(bytes: &[u8]) -> Result<Logo, String> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder
        .read_info()
        .map_err(|e| format!("cannot read the PNG: {e}"))?;
    let (width, height) = (reader.info().width, reader.info().height);
    check_size(width, height)?;
    let size = reader
        .output_buffer_size()
        .ok_or("the PNG is too large for a logo")?;
    let mut buffer = vec![0; size];
    let info = reader
        .next_frame(&mut buffer)
        .map_err(|e| format!("cannot read the PNG: {e}"))?;
    let pixels = &buffer[..info.buffer_size()];
    let (width, height) = (info.width, info.height);
    let (color, rgb, alpha) = match info.color_type {
        png::ColorType::Grayscale => (pixels.to_vec(), false, None),
        png::ColorType::Rgb => (pixels.to_vec(), true, None),
        png::ColorType::GrayscaleAlpha => split_alpha(pixels, 1),
        png::ColorType::Rgba => split_alpha(pixels, 3),
        png::ColorType::Indexed => {
            return Err("the PNG uses a palette that could not be expanded".into());
        }
    };
    let alpha = alpha.filter(|a| a.iter().any(|v| *v != 255));
    Ok(Logo {
        width,
        height,
        data: LogoData::Pixels { color, rgb, alpha },
    })
}

fn split_alpha(pixels: &[u8], channels: usize) -> (Vec<u8>, bool, Option<Vec<u8>>) {
    let mut color = Vec::with_capacity(pixels.len() / (channels + 1) * channels);
    let mut alpha = Vec::with_capacity(pixels.len() / (channels + 1));
    for px in pixels.chunks_exact(channels + 1) {
        color.extend_from_slice(&px[..channels]);
        alpha.push(px[channels]);
    }
    (color, channels == 3, Some(alpha))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adobes_inverted_cmyk_is_found_by_its_marker() {
        let adobe = [
            0xFF, 0xD8, 0xFF, 0xEE, 0x00, 0x0E, b'A', b'd', b'o', b'b', b'e', 0, 100, 0, 0, 0, 0,
            0, 0xFF, 0xDA,
        ];
        assert!(adobe_inverted(&adobe));
        // A marker after the picture data starts is not read; nor one cut short.
        let mut late = vec![0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x02];
        late.extend_from_slice(&adobe[2..]);
        assert!(!adobe_inverted(&late));
        assert!(!adobe_inverted(&adobe[..8]));
        assert!(!adobe_inverted(&[
            0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x02, 0xFF, 0xDA
        ]));
    }

    /// A tiny PNG written with the png crate.
    fn png_bytes(width: u32, height: u32, color: png::ColorType, data: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, width, height);
        encoder.set_color(color);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().unwrap();
        writer.write_image_data(data).unwrap();
        writer.finish().unwrap();
        out
    }

    #[test]
    fn reads_png_with_and_without_transparency() {
        let logo = decode(png_bytes(
            2,
            1,
            png::ColorType::Rgba,
            &[255, 0, 0, 255, 0, 0, 255, 0],
        ))
        .unwrap();
        assert_eq!((logo.width, logo.height), (2, 1));
        assert_eq!(
            logo.data,
            LogoData::Pixels {
                color: vec![255, 0, 0, 0, 0, 255],
                rgb: true,
                alpha: Some(vec![255, 0])
            }
        );
        assert_eq!(
            decode(png_bytes(1, 1, png::ColorType::Grayscale, &[7]))
                .unwrap()
                .data,
            LogoData::Pixels {
                color: vec![7],
                rgb: false,
                alpha: None
            }
        );
    }

    #[test]
    fn the_size_rule_and_its_message_agree() {
        let thin = decode(png_bytes(2001, 1, png::ColorType::Grayscale, &[0; 2001])).unwrap_err();
        assert!(
            thin.contains("2001 × 1") && thin.contains("at most 2000"),
            "{thin}"
        );
        let tall = decode(png_bytes(1, 2001, png::ColorType::Grayscale, &[0; 2001])).unwrap_err();
        assert!(tall.contains("1 × 2001"), "{tall}");
        assert!(decode(png_bytes(2000, 1, png::ColorType::Grayscale, &[0; 2000])).is_ok());
    }

    #[test]
    fn reads_jpeg_size_and_rejects_other_files() {
        // SOI, an APP0 segment, then a baseline frame header: 3 components, 20 × 10.
        let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00];
        jpeg.extend([0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x0A, 0x00, 0x14, 0x03]);
        jpeg.extend([0u8; 12]);
        let logo = decode(jpeg.clone()).unwrap();
        assert_eq!((logo.width, logo.height), (20, 10));
        assert_eq!(
            logo.data,
            LogoData::Jpeg {
                bytes: jpeg,
                components: 3
            }
        );
        assert!(
            decode(b"GIF89a".to_vec())
                .unwrap_err()
                .contains("neither a PNG nor a JPEG")
        );
    }
}
