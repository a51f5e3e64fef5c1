//! Lays out and writes the shipped article's handouts in a loop, on one thread,
//! and prints milliseconds per handout (median of several rounds). Then it prints
//! what one article's handouts cost with three locations against one: what the
//! locations share (the QR code, the font subsets, the compressed streams) is made
//! once per article, so three must cost less than three times one.
//!
//! Run: `cargo bench --bench handout`

use std::path::Path;
use std::time::Instant;

use pawprint_handout::{Press, layout, qr};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let library = pawprint_content::load::load(root).expect("the shipped project loads");
    let article = &library.articles[0];
    let press = Press::new(&library);
    let papers = library.config.handout.papers.len();

    // Warm up.
    for _ in 0..20 {
        press.print(&library, article).unwrap();
    }
    let rounds = 9;
    let per_round = 200;
    let mut ms_per_handout = Vec::new();
    let mut layout_ms = Vec::new();
    let mut qr_ms = Vec::new();
    let mut crate_qr_ms = Vec::new();
    let text = pawprint_handout::sheet_text(&library, article, &library.config.clinic.locations[0]);
    let qr = qr::encode(&text.url).unwrap();
    for _ in 0..rounds {
        let start = Instant::now();
        for _ in 0..per_round {
            std::hint::black_box(press.print(&library, article).unwrap());
        }
        ms_per_handout.push(start.elapsed().as_secs_f64() * 1000.0 / (per_round * papers) as f64);

        let start = Instant::now();
        for _ in 0..per_round {
            for paper in &library.config.handout.papers {
                std::hint::black_box(
                    layout::lay_out(&text, press.fonts, press.body_size, None, &qr, *paper)
                        .unwrap(),
                );
            }
        }
        layout_ms.push(start.elapsed().as_secs_f64() * 1000.0 / (per_round * papers) as f64);

        let start = Instant::now();
        for _ in 0..per_round {
            std::hint::black_box(qr::encode(&text.url).unwrap());
        }
        qr_ms.push(start.elapsed().as_secs_f64() * 1000.0 / per_round as f64);

        // For comparison: the qrcode crate choosing the mask itself.
        let start = Instant::now();
        for _ in 0..per_round {
            std::hint::black_box(
                qrcode::QrCode::with_error_correction_level(&text.url, qrcode::EcLevel::M).unwrap(),
            );
        }
        crate_qr_ms.push(start.elapsed().as_secs_f64() * 1000.0 / per_round as f64);
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let sizes: Vec<usize> = press
        .print(&library, article)
        .unwrap()
        .iter()
        .map(|(h, _)| h.size.unwrap_or(0) as usize)
        .collect();
    println!(
        "handout: {:.3} ms per handout (median of {rounds} rounds of {} handouts; min {:.3}, max {:.3})",
        median(&mut ms_per_handout.clone()),
        per_round * papers,
        ms_per_handout.iter().cloned().fold(f64::INFINITY, f64::min),
        ms_per_handout.iter().cloned().fold(0.0, f64::max),
    );
    println!(
        "  of which layout alone: {:.3} ms per handout (median)",
        median(&mut layout_ms)
    );
    println!(
        "  the QR code (once per article, shared by its papers): {:.3} ms (median; {:.3} ms when the qrcode crate scores the masks)",
        median(&mut qr_ms),
        median(&mut crate_qr_ms)
    );
    println!("  file sizes: {sizes:?} bytes");

    // One location against three.
    let one = ms_per_article(&library, 5, 100);
    let mut three_places = pawprint_content::load::load(root).expect("the shipped project loads");
    let clinic = &mut three_places.config.clinic;
    let first = clinic.locations[0].clone();
    clinic.locations = ["downtown", "north", "east"]
        .iter()
        .zip(["+15035550142", "+15035550155", "+15035550177"])
        .map(|(id, phone)| {
            let mut place = first.clone();
            place.id = Some(id.to_string());
            place.name = format!("{id} clinic");
            place.phone = pawprint_text::phone::parse(phone, phonenumber::country::Id::US).unwrap();
            place
        })
        .collect();
    clinic.listed_locations = true;
    let three = ms_per_article(&three_places, 5, 100);
    println!(
        "locations: {one:.3} ms for one article's handouts with 1 location, {three:.3} ms with 3: {:.2}x (must stay under 3x)",
        three / one
    );
}

/// Milliseconds to print all of the first article's handouts (median of `rounds`).
fn ms_per_article(library: &pawprint_content::Library, rounds: usize, per_round: usize) -> f64 {
    let press = Press::new(library);
    let article = &library.articles[0];
    for _ in 0..10 {
        press.print(library, article).unwrap();
    }
    let mut times: Vec<f64> = (0..rounds)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..per_round {
                std::hint::black_box(press.print(library, article).unwrap());
            }
            start.elapsed().as_secs_f64() * 1000.0 / per_round as f64
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}
