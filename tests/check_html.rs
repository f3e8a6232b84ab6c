//! The `hashi check --html` report (the review page, read-only) as a translator sees it: rendered by headless Chromium
//! (Debian's `chromium`), whose DOM must show both texts and the findings, and whose
//! screenshot must be a real page. Ignored by a plain `cargo test`: it needs Chromium,
//! which `.ci/run` installs and runs it with.

#[macro_use]
mod common;
use common::{corpus, s};

use std::path::{Path, PathBuf};
use std::process::Command;

const CHROMIUM_FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

fn chromium() -> PathBuf {
    for candidate in ["/usr/bin/chromium", "/usr/bin/chromium-browser"] {
        if Path::new(candidate).exists() {
            return candidate.into();
        }
    }
    panic!("this test renders the HTML report in headless Chromium: install Debian's `chromium` package (.ci/run does)");
}

fn render(args: &[String], profile: &Path) -> Vec<u8> {
    common::run_ok(
        Command::new(chromium())
            .args(CHROMIUM_FLAGS)
            .arg(format!("--user-data-dir={}", profile.display()))
            .args(args),
        "chromium",
    )
    .stdout
}

hashi_test!(
    #[ignore = "needs Chromium; .ci/run installs it"]
    report_renders_with_both_texts_and_the_findings,
    |dir, cmd| {
        let corpus = corpus("jaxa-launch");
        let html = dir.join("report.html");
        cmd.args(["check", "--html", "report.html"])
            .args([s(&corpus.join("en.txt")), s(&corpus.join("ja.txt"))])
            .stdout();
        let page = dir.read("report.html");
        // Self-contained: the script is inline, nothing is fetched (no URL, no src=).
        assert!(
            !page.contains("http://") && !page.contains("https://") && !page.contains(" src="),
            "the page must be self-contained"
        );
        // The review page, read-only: no editing.
        assert!(page.contains(r#""mode":"read-only""#), "read-only mode");

        let url = format!("file://{}", html.display());
        let dom = String::from_utf8(render(
            &["--dump-dom".into(), url.clone()],
            &dir.join("profile-dom"),
        ))
        .unwrap();
        // Both texts, as the browser parsed them.
        assert!(
            dom.contains("About 4,000 spectators watched the launch."),
            "{dom}"
        );
        assert!(
            dom.contains("打ち上げを見守った見物客は約4千人に上った。"),
            "{dom}"
        );
        // The gold's added English sentence and dropped Japanese one are highlighted findings.
        assert!(dom.contains("class=\"addition\""), "{dom}");
        assert!(dom.contains("class=\"omission\""), "{dom}");
        assert!(dom.contains("衛星の開発費は約380億円。"));

        let png = dir.join("report.png");
        render(
            &[
                format!("--screenshot={}", png.display()),
                "--window-size=1280,1600".into(),
                url,
            ],
            &dir.join("profile-shot"),
        );
        let bytes = std::fs::read(&png).unwrap();
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
        // A blank page compresses to a few kilobytes; a rendered table of text does not.
        assert!(
            bytes.len() > 30_000,
            "screenshot is only {} bytes",
            bytes.len()
        );
    }
);
