//! Problems found in a project: where they are, what is wrong, and what to do.
//!
//! Every stage of pawprint reports trouble as a [`Problem`]. A build collects all of
//! them and prints them together, like a compiler, instead of stopping at the first.

use std::fmt;
use std::path::{Path, PathBuf};

pub use crate::source_map::Span;

/// Declares [`Code`]: each variant once, with the code people see, what it means
/// and how to fix it, so nothing is listed twice.
macro_rules! codes {
    ($($name:ident = $code:literal: $meaning:literal, $fix:literal;)*) => {
        /// A stable name for a kind of problem, shown as `area.what` (such as
        /// `link.broken`). Tools and tests match on it; the wording of a message may
        /// change, the code does not. `pawprint explain` and the guide's page of codes
        /// are made from these variants.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $(
                #[doc = $meaning]
                $name,
            )*
        }

        impl Code {
            /// Every code, sorted by the text people see.
            pub const ALL: &[Code] = &[$(Code::$name),*];

            /// The code as people see it, such as `link.broken`.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Code::$name => $code,)*
                }
            }

            /// What the code means, in one sentence.
            pub const fn meaning(self) -> &'static str {
                match self {
                    $(Code::$name => $meaning,)*
                }
            }

            /// What to do about it, in one sentence (the message's own help line
            /// says more about the case at hand).
            pub const fn fix(self) -> &'static str {
                match self {
                    $(Code::$name => $fix,)*
                }
            }
        }
    };
}

codes! {
    BrandBadColour = "brand.bad-colour":
        "The [brand] colour is not a colour code such as \"#0b5c5d\".",
        "Write the colour as # and six hex digits, such as \"#0b5c5d\".";
    BrandLowContrast = "brand.low-contrast":
        "The [brand] colour is too light or too dark for text to be read on it or beside it (WCAG AA, 4.5:1).",
        "Pick a darker colour (or a lighter one on a dark page) until the contrast is at least 4.5 to 1.";
    CheckSettingsNeedsLanguage = "check-settings.needs-language":
        "A reading-level limit in [check] belongs to one language's table, such as [check.es].",
        "Move the limit into the table of its language, such as [check.en] or [check.es].";
    CheckSettingsNoFormula = "check-settings.no-formula":
        "A [check.<language>] table for a language pawprint has no reading-level formula for.",
        "Remove the table; pawprint cannot measure the reading level of that language.";
    CheckSettingsWrongFormula = "check-settings.wrong-formula":
        "A reading-level limit that does not fit the language's formula (a grade where a score is asked, or the other way).",
        "Write the limits the language's formula takes: a highest grade for English, a lowest score for Spanish.";
    ContentActiveFile = "content.active-file":
        "A web page, script or XML file is in content/, where it would run on the site.",
        "Move the file out of content/, or put it in static/ if the site really needs it.";
    ContentBackupLeftOut = "content.backup-left-out":
        "A backup or editor's copy in content/ is not published.",
        "Nothing to do; delete the copy if you no longer need it.";
    ContentBadName = "content.bad-name":
        "A file or folder name in content/ cannot be part of a web address.",
        "Rename the file or folder with small letters, digits and dashes only.";
    ContentLinkSkipped = "content.link-skipped":
        "A link to a file or folder in content/ was skipped.",
        "Replace the link with the real file or folder.";
    ContentMisnamedArticle = "content.misnamed-article":
        "An article's file name does not end in .md in small letters.",
        "Rename the file so that it ends in .md.";
    ContentNoArticles = "content.no-articles":
        "content/ has no articles yet.",
        "Start one with `pawprint new`.";
    ContentNoFolder = "content.no-folder":
        "The project has no content/ folder.",
        "Make a content/ folder beside site.toml, or run pawprint from the project folder.";
    ContentNonAsciiName = "content.non-ascii-name":
        "A file or folder name in content/ has letters outside a-z.",
        "Rename it with the letters a to z, digits and dashes.";
    ContentReplacesHome = "content.replaces-home":
        "content/index.md would take the place of the home page.",
        "Rename content/index.md, or move it into a section folder.";
    ContentSameAddress = "content.same-address":
        "Two files make the same web address.",
        "Rename or move one of the two files, or give one a different slug.";
    ContentSameHandoutName = "content.same-handout-name":
        "Two articles would give their handouts the same file name.",
        "Rename one of the two articles.";
    ContentSectionClash = "content.section-clash":
        "An article has the address of a section page.",
        "Rename the article or the section folder.";
    ContentUnknownLanguage = "content.unknown-language":
        "A file named name.xx.md where xx is not a language in site.toml.",
        "Add the language to [languages] in site.toml, or rename the file.";
    ContentUnsafeDrawing = "content.unsafe-drawing":
        "An SVG drawing in content/ could run code, reach for other files, or cannot be read.",
        "Save the drawing again without scripts or links to other files, or use a PNG.";
    ContentUnusedFile = "content.unused-file":
        "A file in content/ is not published, because no article links to it or shows it.",
        "Link to the file or show it from an article, or delete it.";
    DraftNonePublished = "draft.none-published":
        "Every article is a draft, so the site has no articles.",
        "Remove `draft = true` from the articles that are ready.";
    FrontMatterBadSlug = "front-matter.bad-slug":
        "A slug that is not a plain address name.",
        "Use small letters, digits and dashes, such as slug = \"ear-care\".";
    FrontMatterBadSpecies = "front-matter.bad-species":
        "A species name is not a simple name.",
        "Use a plain name, such as \"dog\" or \"cat\".";
    FrontMatterBadTag = "front-matter.bad-tag":
        "A tag has no letters or digits.",
        "Give the tag a word, or remove it.";
    FrontMatterMissing = "front-matter.missing":
        "The article does not start with front matter.",
        "Start the file with a +++ line, the title and other fields, then another +++ line.";
    FrontMatterNotClosed = "front-matter.not-closed":
        "The front matter has no closing +++ line.",
        "Add a +++ line after the last field.";
    FrontMatterSignTooLong = "front-matter.sign-too-long":
        "A sign in the handout checklist is too long.",
        "Shorten the sign to a few words.";
    FrontMatterTranslationOnly = "front-matter.translation-only":
        "A slug or translation_of in an article of the main language.",
        "Remove the field; only a translation has a slug or translation_of.";
    FrontMatterUnknownSpecies = "front-matter.unknown-species":
        "A species is not one the words file names.",
        "Use a species the words file names, or add it there.";
    HandoutDoesNotFit = "handout.does-not-fit":
        "The handout does not fit on one page.",
        "Shorten the handout text, or remove an item.";
    HandoutFontSubset = "handout.font-subset":
        "The handout font could not be put in the PDF.",
        "Try another handout font in theme.toml.";
    HandoutMissingGlyph = "handout.missing-glyph":
        "The handout font has no shape for a character.",
        "Use a handout font that has the character, or write the text without it.";
    HandoutPreviewFailed = "handout.preview-failed":
        "The picture of a sheet cannot be drawn.",
        "Build again; if it keeps failing, report it as a bug.";
    HandoutQrCode = "handout.qr-code":
        "The QR code for the article's address could not be made.",
        "Shorten the site's base_url or the article's address.";
    HandoutSmallerType = "handout.smaller-type":
        "A handout was set in smaller type than the theme asks, to fit on one page.",
        "Shorten the handout text if the smaller type is hard to read.";
    ImageMissing = "image.missing":
        "An image's file is not in content/.",
        "Put the picture in content/, or fix its path.";
    ImageNoAlt = "image.no-alt":
        "An image has no alt text.",
        "Write what the picture shows between the square brackets, such as `![a dog's ear](ear.png)`.";
    ImageNotAPicture = "image.not-a-picture":
        "An image points at a page, not a picture file.",
        "Point the image at a picture file, such as a .png or .jpg.";
    InitBadAnswer = "init.bad-answer":
        "An answer given to `pawprint init` cannot be used, such as a phone number that is not valid in the country.",
        "Give the answer again in the form the message shows.";
    InitLink = "init.link":
        "`pawprint init` was pointed at a link, and it never writes through one.",
        "Give the folder itself, not a link to it.";
    InitMissingAnswer = "init.missing-answer":
        "`pawprint init` runs with no terminal to ask on, and an answer was not given as a flag.",
        "Give the answer with the flag the message names, or add --yes to take the defaults.";
    InitNotEmpty = "init.not-empty":
        "`pawprint init` makes a new project only in an empty or new folder, so it wrote nothing.",
        "Give the name of a new folder, such as `pawprint init my-clinic`.";
    IoNotUtf8 = "io.not-utf8":
        "A file is not saved as UTF-8 text.",
        "Save the file as UTF-8 in your editor.";
    IoRead = "io.read":
        "A file or folder could not be read.",
        "Check that the file is there and that you may read it.";
    IoWrite = "io.write":
        "A file or folder could not be written, moved or removed.",
        "Check that the folder is there, that you may write to it, and that the disk is not full.";
    LanguageBadCode = "language.bad-code":
        "A [languages.xx] code that is not a short lowercase language code.",
        "Use a two-letter language code, such as [languages.es].";
    LanguageHoursUntranslated = "language.hours-untranslated":
        "A further language shows the clinic hours as written in [clinic].",
        "Write the hours in that language under [languages.xx.clinic].";
    LanguageMainTwice = "language.main-twice":
        "The main language listed again under [languages].",
        "Remove the main language from [languages]; it is set by site.language.";
    LanguageUnknownLocation = "language.unknown-location":
        "A [languages.xx.clinic.locations.id] table that names no location.",
        "Use the id of a location in [[clinic.locations]].";
    LinkBroken = "link.broken":
        "A link goes to a page that is not on the site.",
        "Fix the address, or write the page it points to.";
    LinkEmpty = "link.empty":
        "A link has no address.",
        "Put an address in the brackets, or remove the link.";
    LinkMissingAnchor = "link.missing-anchor":
        "A link goes to a heading that does not exist.",
        "Link to a heading that is on the page, or add the heading.";
    LinkMissingFile = "link.missing-file":
        "A link needs a file that is not in content/.",
        "Put the file in content/, or fix the link.";
    LinkOutside = "link.outside":
        "A link points outside content/.",
        "Copy the file into content/ and link to it there.";
    LinkToDraft = "link.to-draft":
        "A published page links to a draft, which is not published.",
        "Publish the draft, or remove the link.";
    LinkToDrawing = "link.to-drawing":
        "A link would open an SVG drawing as a page; drawings are shown only as pictures.",
        "Show the drawing as a picture with `![what it shows](drawing.svg)` instead of linking to it.";
    LinkToLeftOutFile = "link.to-left-out-file":
        "A link to a file in content/ that is never published, such as a backup.",
        "Link to the real file, not the backup.";
    LinkUnsafe = "link.unsafe":
        "A link would run a script, so it was left out.",
        "Use an address that starts with https:// or a path on the site.";
    LocationBadId = "location.bad-id":
        "A location id is not a short name of lowercase letters, digits and dashes.",
        "Use small letters, digits and dashes, such as id = \"north\".";
    LocationBadPhone = "location.bad-phone":
        "A phone number is not a number that can be called in its country.",
        "Check the number, and write it with its country code if it is abroad.";
    LocationContactsTwice = "location.contacts-twice":
        "A contact is set in [clinic] and also in [[clinic.locations]].",
        "Keep the contact in one place only.";
    LocationDuplicateId = "location.duplicate-id":
        "Two locations have the same id.",
        "Give each location its own id.";
    LocationNone = "location.none":
        "[[clinic.locations]] is there but holds no location.",
        "Add a location under [[clinic.locations]], or remove the empty table.";
    LocationTwoPhones = "location.two-phones":
        "One phone field holds two numbers.",
        "Put one number in each field.";
    LogoBadPicture = "logo.bad-picture":
        "The clinic logo is not a PNG or JPEG file pawprint can use.",
        "Save the logo as a PNG or JPEG file.";
    LogoNotFound = "logo.not-found":
        "The clinic logo file is not there.",
        "Put the logo file where site.toml says, or fix the path.";
    MarkdownDroppedAttribute = "markdown.dropped-attribute":
        "A heading attribute other than an id or class was left out.",
        "Keep only an id (#name) or a class (.name) in the braces.";
    MarkdownRawHtml = "markdown.raw-html":
        "Raw HTML is shown as text.",
        "Write it in Markdown instead of HTML.";
    NewAlreadyExists = "new.already-exists":
        "`pawprint new` would overwrite an article.",
        "Pick another name, or edit the article that is there.";
    NewBadName = "new.bad-name":
        "`pawprint new` got a name that cannot be part of a web address.",
        "Use small letters, digits and dashes, such as dogs/ear-care.";
    NewBadPath = "new.bad-path":
        "`pawprint new` got a path outside content/.",
        "Give a path inside content/, such as dogs/ear-care.";
    NewNoOriginal = "new.no-original":
        "pawprint new --lang names an article that does not exist.",
        "Give the path of an article in the main language.";
    NewNoProject = "new.no-project":
        "`pawprint new` ran outside a project.",
        "Run pawprint in the project folder (the one with site.toml), or use --root.";
    NewOutsideContent = "new.outside-content":
        "`pawprint new` would follow a link out of content/.",
        "Give a path that stays inside content/.";
    NewUnknownLanguage = "new.unknown-language":
        "pawprint new --lang names a language site.toml does not list.",
        "Add the language to [languages] in site.toml first.";
    OutputBadPath = "output.bad-path":
        "A file of the site would land outside the output folder.",
        "Rename the file so that its path stays inside the site.";
    OutputForeignFile = "output.foreign-file":
        "The output folder holds files pawprint did not write.",
        "Move your files out of the output folder, or pick another --output folder.";
    OutputInTheWay = "output.in-the-way":
        "A file or folder pawprint uses while it builds is in the way.",
        "Move or remove the file pawprint names.";
    OutputLocked = "output.locked":
        "Another build is writing the output folder.",
        "Wait for the other build to finish, then build again.";
    OutputMarkerName = "output.marker-name":
        "A file of the site has the name of pawprint's marker.",
        "Rename the file.";
    OutputOldNotRemoved = "output.old-not-removed":
        "The new build is in place, but the last one was not removed.",
        "Remove the old folder by hand.";
    OutputOtherProject = "output.other-project":
        "The output folder was built from another project, or by an older pawprint.",
        "Pick another --output folder, or empty this one.";
    OutputRefused = "output.refused":
        "pawprint will not build into this folder.",
        "Pick an empty folder, or one pawprint built.";
    OutputSamePath = "output.same-path":
        "Two files of the site have the same path.",
        "Rename one of the two files.";
    OutputUnfinishedBuild = "output.unfinished-build":
        "The output folder has the file list of a build that did not finish.",
        "Build again; pawprint cleans up after the build that stopped.";
    PackBadArticle = "pack.bad-article":
        "A pack's `articles` is not a list of article paths in quotes.",
        "Write each article as a path in quotes, such as \"dogs/ear-care\".";
    PackBadName = "pack.bad-name":
        "A pack's file name cannot be part of a web address.",
        "Rename the pack file with small letters, digits and dashes.";
    PackCannotBind = "pack.cannot-bind":
        "A print pack's PDF cannot be made from its sheets.",
        "Build again; if it keeps failing, report it as a bug.";
    PackDraftArticle = "pack.draft-article":
        "A pack names a draft, which is not printed.",
        "Publish the article, or take it out of the pack.";
    PackNoArticles = "pack.no-articles":
        "A pack file lists no articles.",
        "List the articles in the pack's `articles`.";
    PackNoTranslation = "pack.no-translation":
        "An article of a pack has no translation, so that language's pack leaves it out.",
        "Translate the article, or accept that this language's pack leaves it out.";
    PackRepeatedArticle = "pack.repeated-article":
        "A pack lists the same article twice, so its sheet prints twice.",
        "Remove the second mention of the article.";
    PackTooManyArticles = "pack.too-many-articles":
        "A pack lists more than 50 articles, more sheets than anyone prints at one visit.",
        "Split the pack into smaller packs.";
    PackUnknownArticle = "pack.unknown-article":
        "A pack names an article that is not in content/.",
        "Fix the path, or remove the article from the pack.";
    PackUnreadable = "pack.unreadable":
        "A pack file cannot be read.",
        "Check that the pack file is there and that you may read it.";
    PageDuplicateId = "page.duplicate-id":
        "A page has two elements with the same id.",
        "Give each heading or element its own id.";
    PageHostRelativeAddress = "page.host-relative-address":
        "A page has an address starting with //, which browsers read as another host.",
        "Write the address with https:// or as a path with one /.";
    PageInlineScript = "page.inline-script":
        "A rendered page carries code inside a script element.",
        "Move the script into a file in static/ and load it with src.";
    PageNoPolicy = "page.no-policy":
        "A rendered page has no script policy (a template dropped the meta tag).",
        "Put the script policy meta tag back in the template's head.";
    PictureAltAlone = "picture.alt-alone":
        "The [handout] table has picture_alt but names no picture.",
        "Add picture = \"name.svg\" for a drawing in the pictures/ folder, or remove picture_alt.";
    PictureAltMissing = "picture.alt-missing":
        "The sheet's picture has no picture_alt, the words that say what it shows.",
        "Add picture_alt = \"...\" under [handout]: one plain sentence saying what the drawing shows.";
    PictureAltNotTranslated = "picture.alt-not-translated":
        "A translation's picture_alt is the same as its original's, so it is not in the page's language.",
        "Write picture_alt in the translation's own language.";
    PictureBadName = "picture.bad-name":
        "The picture's name leaves the pictures/ folder, or is not an SVG file.",
        "Name an .svg file inside pictures/, such as picture = \"anal-glands.svg\" or \"dogs/ears.svg\".";
    PictureCannotDraw = "picture.cannot-draw":
        "The picture is not an SVG drawing pawprint can print: it is damaged, has no size, or uses text, photos, gradients, masks or filters.",
        "Save it as a plain SVG line drawing: paths and shapes with plain strokes and fills, and no words.";
    PictureNotFound = "picture.not-found":
        "The picture named under [handout] is not in the pictures/ folder.",
        "Put the SVG file in the pictures/ folder of the project, or fix the name.";
    PictureNotInTranslation = "picture.not-in-translation":
        "The original's sheet has a picture and this translation's sheet has none.",
        "Add picture and picture_alt under [handout] of the translation: the same drawing, or its own, with words in its own language.";
    PictureSize = "picture.size":
        "How big the sheet's picture prints on each paper (a note from check).",
        "Nothing to fix: the picture takes the room the words leave, from 20 mm tall (and 30 mm wide) to 60 mm tall.";
    PictureUnsafe = "picture.unsafe":
        "The picture could run code or reach for other files, or it is too big or too deeply nested.",
        "Save it again as a plain SVG: no scripts, no links to other files or sites, under 512 KB and 5,000 parts.";
    PlaceholderTodo = "placeholder.todo":
        "An article still holds TODO text.",
        "Replace the TODO with the real text.";
    ReadingGradeTooHigh = "reading.grade-too-high":
        "The text reads above the highest Flesch-Kincaid grade allowed (English).",
        "Use shorter sentences and shorter words.";
    ReadingHardItem = "reading.hard-item":
        "One handout item reads far harder than the limit: more than 4 grades above it, or 20 points below it.",
        "Split the item or use shorter words.";
    ReadingHardSentence = "reading.hard-sentence":
        "One sentence of an article reads far harder than the limit: more than 4 grades above it, or 20 points below it.",
        "Split the sentence or use shorter words.";
    ReadingNoFormula = "reading.no-formula":
        "pawprint has no reading-level formula for the language, so its articles get no reading level (a note).",
        "Nothing to do; read the article over yourself.";
    ReadingScoreTooLow = "reading.score-too-low":
        "The text reads below the lowest Szigriszt-Pazos score allowed (Spanish), so it is too hard.",
        "Use shorter sentences and shorter words.";
    SearchIndexFailed = "search.index-failed":
        "The search index could not be made (a bug in pawprint).",
        "Build again; if it keeps failing, report it as a bug.";
    SearchNotBuilt = "search.not-built":
        "The site asks for search, but this pawprint was built without it (--no-default-features), so the site has no search box.",
        "Install pawprint with its default features (without --no-default-features) to have the search box.";
    SectionNoArticles = "section.no-articles":
        "A section has an _index.md but no articles.",
        "Add an article to the section, or remove its _index.md.";
    SectionNoFolder = "section.no-folder":
        "content/_index.md has no section to describe.",
        "Move the _index.md into a section folder.";
    ServeBadBindAddress = "serve.bad-bind-address":
        "The --bind address is not an address of this computer.",
        "Use an address of this computer, such as 127.0.0.1.";
    ServeCannotListen = "serve.cannot-listen":
        "The preview server cannot listen.",
        "Try another port with --port.";
    ServeCannotStart = "serve.cannot-start":
        "The preview server cannot start.",
        "Try again; if it keeps failing, report it as a bug.";
    ServeCannotWatch = "serve.cannot-watch":
        "The preview server cannot watch files for changes.",
        "Restart serve; on Linux, raise the limit of watched files if it keeps failing.";
    ServePortInUse = "serve.port-in-use":
        "Another program is using the port.",
        "Stop the other program, or use another port with --port.";
    ServePortNotAllowed = "serve.port-not-allowed":
        "This user may not use the port.",
        "Use a port above 1023 with --port.";
    ServeSheetGone = "serve.sheet-gone":
        "The preview could not find the last preview's sheet it meant to reuse; saving again rebuilds it.",
        "Save the file again.";
    SettingsBadDate = "settings.bad-date":
        "A date is not written like 2026-11-20.",
        "Write the date as year-month-day, such as 2026-11-20.";
    SettingsBadFlag = "settings.bad-flag":
        "A yes-or-no field is not true or false.",
        "Write true or false, without quotes.";
    SettingsBadValue = "settings.bad-value":
        "A value is not a valid address, email or file name, or not one of the values a field takes.",
        "Fix the value as the help line says.";
    SettingsCurlyQuotes = "settings.curly-quotes":
        "Curly quotes pasted from a word processor, where TOML needs straight quotes.",
        "Replace the curly quotes with straight ones (\").";
    SettingsEmptyText = "settings.empty-text":
        "Text or a list item is empty.",
        "Write the text, or remove the field.";
    SettingsImpossibleDate = "settings.impossible-date":
        "A date that is not on the calendar, such as February 30.",
        "Use a date that is on the calendar.";
    SettingsMissingField = "settings.missing-field":
        "A required field is missing.",
        "Add the field.";
    SettingsMissingTable = "settings.missing-table":
        "A required [table] is missing.",
        "Add the table.";
    SettingsTomlSyntax = "settings.toml-syntax":
        "The TOML text has a syntax error.",
        "Fix the TOML at the line shown.";
    SettingsUnknownKey = "settings.unknown-key":
        "A key is not one pawprint knows.",
        "Fix the spelling, or remove the key.";
    SettingsWrongCount = "settings.wrong-count":
        "A list has too few or too many items.",
        "Add or remove items until the count fits.";
    SettingsWrongType = "settings.wrong-type":
        "A value has the wrong type, such as a number for text.",
        "Write the value in the type asked for, such as text in quotes.";
    ShardMissing = "shard.missing":
        "A part of a build split over machines was not given, so its handouts are missing.",
        "Build that part with `build --shard I/N`, and give its folder to `build --gather`.";
    ShardMixed = "shard.mixed":
        "The parts of a split build were made from other articles or settings, or split another way.",
        "Build every part again from the same project, with the same N in --shard I/N.";
    ShardNotAShard = "shard.not-a-shard":
        "A folder given to `build --gather` is not a finished part of a split build.",
        "Give the folders that `build --shard I/N --output DIR` wrote, once each has finished.";
    ShardRefused = "shard.refused":
        "pawprint will not read the parts of a split build from this folder.",
        "Put each part in a folder of its own, apart from the output folder.";
    ShardTwice = "shard.twice":
        "Two folders given to `build --gather` hold the same part.",
        "Give each part's folder once.";
    SiteTomlBadAddress = "site-toml.bad-address":
        "`site.base_url` is not a full web address.",
        "Write the full address, such as https://clinic.example/.";
    SiteTomlBadCountry = "site-toml.bad-country":
        "[site] country is not a two-letter country code.",
        "Use a two-letter country code, such as \"US\" or \"MX\".";
    SiteTomlBadLanguage = "site-toml.bad-language":
        "`site.language` is not a language tag.",
        "Use a language tag, such as \"en\" or \"es\".";
    SiteTomlBadThemeName = "site-toml.bad-theme-name":
        "`site.theme` is not a folder name.",
        "Use the name of a folder in themes/.";
    SiteTomlEmptyLabel = "site-toml.empty-label":
        "A label in [labels] of site.toml is empty.",
        "Write the label, or remove it to keep the default.";
    SiteTomlUnknownLabel = "site-toml.unknown-label":
        "A label in [labels] of site.toml is not one the words file has.",
        "Fix the spelling, or remove the label.";
    SiteTomlUnknownPaper = "site-toml.unknown-paper":
        "A handout paper size is not known.",
        "Use \"letter\" or \"a4\", or \"letter-large\" or \"a4-large\" for large print.";
    StaticNotAFile = "static.not-a-file":
        "static/ holds a link or a special file.",
        "Put a real file in its place, or remove it.";
    TagInvisibleCharacter = "tag.invisible-character":
        "A tag has a character that takes no space and cannot be seen, such as a zero-width space.",
        "Type the tag again by hand.";
    TagSameAddress = "tag.same-address":
        "Two spellings of a tag make the same address, so they share one tag page.",
        "Spell the tag the same way in every article.";
    ThemeBadBodySize = "theme.bad-body-size":
        "The handout body size is out of range.",
        "Use a body size in the range the message gives.";
    ThemeBadFont = "theme.bad-font":
        "A handout font cannot be used.",
        "Use another .ttf or .otf font.";
    ThemeEjectExists = "theme.eject-exists":
        "`pawprint theme eject` would write over something already there, so it wrote nothing.",
        "Give another name, such as `pawprint theme eject my-theme`, or move the folder that is there away first.";
    ThemeEjectUnknown = "theme.eject-unknown":
        "`pawprint theme eject` was asked for a theme that is not built into pawprint.",
        "Name a built-in theme with --from, such as --from default.";
    ThemeFontNotFound = "theme.font-not-found":
        "A handout font file is not in the theme folder.",
        "Put the font file in the theme folder, or fix the path.";
    ThemeFontPair = "theme.font-pair":
        "Only one of the two handout fonts is set.",
        "Set both fonts, or neither.";
    ThemeMissingTemplate = "theme.missing-template":
        "The theme lacks a template it needs.",
        "Copy the template from the default theme.";
    ThemeNotAFontFile = "theme.not-a-font-file":
        "A handout font is not a .ttf or .otf file.",
        "Use a .ttf or .otf file.";
    ThemeNotFound = "theme.not-found":
        "site.toml names a theme that is neither a folder in themes/ nor built into pawprint.",
        "Fix site.theme: use \"default\" for the built-in theme, or the name of a folder in themes/.";
    ThemeTemplateError = "theme.template-error":
        "A template has an error.",
        "Fix the template at the line shown.";
    ThemeUnusedOverride = "theme.unused-override":
        "A file in the project's templates/ folder is not a template any page uses.",
        "Rename the file to a template the theme uses, or remove it.";
    ThemeWordsInTheme = "theme.words-in-theme":
        "Words are in theme.toml, not in the words file.",
        "Move the words to the theme's words file.";
    TranslationBehind = "translation.behind":
        "The original changed after the translation was made.",
        "Bring the translation up to date, then set translation_of to the value the help line gives.";
    TranslationNoOriginal = "translation.no-original":
        "A translation with no article of the same name in the main language.",
        "Name the translation like its original and put it beside it, such as dogs/ear-care.es.md beside dogs/ear-care.md.";
    TranslationUnpinned = "translation.unpinned":
        "A translation without translation_of, so pawprint cannot tell when its original changes.",
        "When the translation matches its original, add the translation_of line the help line gives.";
    WordsMissingLabel = "words.missing-label":
        "A further language's words file lacks a word the main language's has.",
        "Add the word to the language's words file.";
    WordsNotFound = "words.not-found":
        "The theme has no words file for the site language.",
        "Add a words file for the language to the theme.";
}

impl Code {
    /// The code whose text is `text`, such as `link.broken`.
    pub fn parse(text: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|code| code.as_str() == text)
    }

    /// The area the code belongs to: the part before the dot.
    pub fn area(self) -> &'static str {
        let text = self.as_str();
        text.split_once('.').map_or(text, |(area, _)| area)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// What `pawprint explain CODE` prints: the code, what it means, what to do, and
/// where the guide says more. For a code that does not exist, the error names the
/// nearest one.
pub fn explain(code: &str) -> Result<String, String> {
    let code = code.trim().trim_start_matches('[').trim_end_matches(']');
    if let Some(known) = Code::parse(code) {
        return Ok(format!(
            "{known}\n\n{}\n\nTo fix it: {}\n\nThe message that carries this code names the file and line, and its \"help\" line says what to do there.\nEvery {}.* code is listed in the guide: docs/src/reference/problem-codes.md",
            known.meaning(),
            known.fix(),
            known.area()
        ));
    }
    let nearest = Code::ALL
        .iter()
        .map(|known| (strsim::jaro_winkler(code, known.as_str()), *known))
        .max_by(|a, b| a.0.total_cmp(&b.0));
    Err(match nearest {
        Some((score, known)) if score > 0.8 => {
            format!("error: there is no problem code `{code}`; did you mean `{known}`?")
        }
        _ => format!(
            "error: there is no problem code `{code}`; `pawprint explain` with no code lists them all"
        ),
    })
}

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing, with nothing to fix: it never fails a check, even with
    /// `--strict`.
    Note,
    /// Worth fixing, but the site can still be built.
    Warning,
    /// The build cannot go on until this is fixed.
    Error,
}

/// One thing wrong with the project, with the place it was found.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// The kind of problem (see [`Code`]); every problem pawprint reports has one,
    /// set with [`Problem::code`].
    pub code: Option<Code>,
    /// How serious it is.
    pub severity: Severity,
    /// The file, relative to the project root when it is inside it.
    pub file: PathBuf,
    /// The 1-based line, when known.
    pub line: Option<usize>,
    /// The 1-based column, when known.
    pub column: Option<usize>,
    /// The stretch of the file's text the problem is about, when the parser that
    /// found it gave one; `line` and `column` are its start.
    pub span: Option<Span>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What to do about it, when there is a useful hint.
    pub help: Option<String>,
    /// Further hints, after `help`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub more_help: Vec<String>,
    /// A few words shown under the place, such as "used again here".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The text of the problem's line, when it has a line but no span: the
    /// message shows it.
    #[serde(skip)]
    pub line_text: Option<String>,
    /// A second place the problem is about, such as where a name was first used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub also: Option<Place>,
}

/// A second place a [`Problem`] points at, possibly in another file, with a
/// label such as "first used here".
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Place {
    /// The file, relative to the project root when it is inside it.
    pub file: PathBuf,
    /// The 1-based line, when known.
    pub line: Option<usize>,
    /// The 1-based column, when known.
    pub column: Option<usize>,
    /// The stretch of the file's text, when known.
    pub span: Option<Span>,
    /// The text of the line, when there is a line but no span.
    #[serde(skip)]
    pub line_text: Option<String>,
    /// What the place is, such as "first used here".
    pub label: String,
}

impl Place {
    /// A whole file, such as the other article that makes the same address.
    pub fn file(file: impl Into<PathBuf>, label: impl Into<String>) -> Self {
        Place {
            file: file.into(),
            line: None,
            column: None,
            span: None,
            line_text: None,
            label: label.into(),
        }
    }

    /// A stretch of a file's text.
    pub fn span(file: impl Into<PathBuf>, span: Span, label: impl Into<String>) -> Self {
        Place {
            line: Some(span.line),
            column: Some(span.column),
            span: Some(span),
            ..Place::file(file, label)
        }
    }

    /// A line of a file.
    pub fn line(file: impl Into<PathBuf>, line: usize, label: impl Into<String>) -> Self {
        Place {
            line: Some(line),
            ..Place::file(file, label)
        }
    }

    /// The same place, with the text of its line to show.
    pub fn with_line_text(mut self, text: impl Into<String>) -> Self {
        self.line_text = Some(text.into());
        self
    }

    /// The place as `file:line:column`, leaving out what is not known.
    pub fn location(&self) -> String {
        location(&self.file, self.line, self.column)
    }
}

/// `file:line:column`, leaving out what is not known.
fn location(file: &Path, line: Option<usize>, column: Option<usize>) -> String {
    let mut place = file.display().to_string();
    if let Some(line) = line {
        place.push_str(&format!(":{line}"));
        if let Some(column) = column {
            place.push_str(&format!(":{column}"));
        }
    }
    place
}

impl Problem {
    /// An error in `file` with no line or column.
    pub fn error(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Problem {
            code: None,
            severity: Severity::Error,
            file: file.into(),
            line: None,
            column: None,
            span: None,
            message: message.into(),
            help: None,
            more_help: Vec::new(),
            label: None,
            line_text: None,
            also: None,
        }
    }

    /// A warning in `file` with no line or column.
    pub fn warning(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Warning,
            ..Problem::error(file, message)
        }
    }

    /// A note in `file`: something to know that is not wrong (see [`Severity::Note`]).
    pub fn note(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Note,
            ..Problem::error(file, message)
        }
    }

    /// The same problem, placed at a line and column.
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    /// The same problem, placed at a stretch of its file's text (see
    /// [`crate::source_map::SourceFile::span`]).
    pub fn at_span(mut self, span: Span) -> Self {
        self.line = Some(span.line);
        self.column = Some(span.column);
        self.span = Some(span);
        self
    }

    /// The same problem, placed at a line.
    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    /// The same problem with its stable code (see [`Problem::code`]).
    pub fn code(mut self, code: Code) -> Self {
        self.code = Some(code);
        self
    }

    /// The same problem with a hint on what to do; called again, a further hint.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        if self.help.is_none() {
            self.help = Some(help.into());
        } else {
            self.more_help.push(help.into());
        }
        self
    }

    /// Every hint, in order.
    pub fn helps(&self) -> impl Iterator<Item = &str> {
        self.help.iter().chain(&self.more_help).map(String::as_str)
    }

    /// The same problem with a few words shown under its place.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// The same problem with the text of its line, shown when it has no span.
    pub fn with_line_text(mut self, text: impl Into<String>) -> Self {
        self.line_text = Some(text.into());
        self
    }

    /// The same problem with a second place, such as where a name was first used.
    pub fn also_at(mut self, place: Place) -> Self {
        self.also = Some(place);
        self
    }

    /// True when this problem stops a build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The place as `file:line:column`, leaving out what is not known.
    pub fn location(&self) -> String {
        location(&self.file, self.line, self.column)
    }

    /// The problem on one line, `file:line:column: message — help`, for a
    /// place that shows a line of text, such as the content editor.
    pub fn one_line(&self) -> String {
        let mut line = format!("{}: {}", self.location(), self.message);
        for help in self.helps() {
            line.push_str(" — ");
            line.push_str(&help.replace('\n', " "));
        }
        line
    }
}

/// Like rustc, without colour: see [`Problem::full`].
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.full(crate::show::Colour::Plain))
    }
}

/// A list of problems, sorted by file and line. Returned when a build fails.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    /// Sort by file, line and column, so the list reads like the project.
    pub fn sorted(mut self) -> Self {
        self.0.sort_by(|a, b| {
            (&a.file, a.line, a.column, &a.message).cmp(&(&b.file, b.line, b.column, &b.message))
        });
        self.0.dedup();
        self
    }

    /// How many of the problems are errors.
    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|p| p.is_error()).count()
    }

    /// True when any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Problem::is_error)
    }
}

impl From<Problem> for Problems {
    fn from(problem: Problem) -> Self {
        debug_assert_known(&problem);
        Problems(vec![problem])
    }
}

impl From<Vec<Problem>> for Problems {
    fn from(problems: Vec<Problem>) -> Self {
        problems.iter().for_each(debug_assert_known);
        Problems(problems).sorted()
    }
}

/// In debug builds (and so in every test), stops on a problem without a code: each
/// problem pawprint reports must be known by its code.
pub(crate) fn debug_assert_known(problem: &Problem) {
    debug_assert!(
        problem.code.is_some(),
        "problem without a code at {}: {}",
        problem.location(),
        problem.message
    );
}

/// Each problem like rustc, without colour, with a blank line after each.
impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for problem in &self.0 {
            writeln!(f, "{problem}\n")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

/// Shows `path` relative to `root` when it lies inside it, so messages stay short.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

/// The known word closest to `word`, when it is close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|candidate| (strsim::jaro_winkler(word, candidate), *candidate))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_puts_the_place_the_message_and_every_help_on_a_line() {
        let problem = Problem::error("content/dogs/ears.md", "`sumary` is not a field")
            .at(3, 1)
            .help("did you mean `summary`?\nfix the name")
            .help("see the guide");
        assert_eq!(
            problem.one_line(),
            "content/dogs/ears.md:3:1: `sumary` is not a field — did you mean `summary`? fix the name — see the guide"
        );
    }

    #[test]
    fn explain_gives_the_meaning_or_the_nearest_code() {
        let text = explain("content.unused-file").unwrap();
        assert!(
            text.starts_with("content.unused-file\n\nA file in content/"),
            "{text}"
        );
        assert!(text.contains("To fix it: Link to the file"), "{text}");
        assert!(explain("[content.unused-file]").is_ok());
        let nearest = explain("content.unused-files").unwrap_err();
        assert!(
            nearest.contains("did you mean `content.unused-file`"),
            "{nearest}"
        );
    }

    #[test]
    fn a_problem_with_no_code_still_formats() {
        let text = Problem::error("site.toml", "no code").to_string();
        assert_eq!(text, "error: no code\n--> site.toml");
        assert_eq!(
            Problem::error("site.toml", "no code").short(),
            "site.toml: error: no code"
        );
    }

    #[test]
    fn location_leaves_out_unknown_parts() {
        let p = Problem::error("content/a.md", "bad");
        assert_eq!(p.location(), "content/a.md");
        assert_eq!(p.clone().at_line(3).location(), "content/a.md:3");
        assert_eq!(p.at(3, 7).location(), "content/a.md:3:7");
    }

    #[test]
    fn suggestions_catch_typos_only() {
        let known = ["title", "summary", "species", "updated"];
        assert_eq!(did_you_mean("titel", &known), Some("title"));
        assert_eq!(did_you_mean("specis", &known), Some("species"));
        assert_eq!(did_you_mean("colour", &known), None);
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "problem without a code")]
    fn a_problem_without_a_code_stops_debug_builds() {
        let _ = Problems::from(Problem::error("content/a.md", "bad"));
    }

    #[test]
    fn codes_are_unique_sorted_and_round_trip() {
        for pair in Code::ALL.windows(2) {
            assert!(pair[0].as_str() < pair[1].as_str(), "{pair:?}");
        }
        for code in Code::ALL {
            assert_eq!(Code::parse(code.as_str()), Some(*code));
        }
        assert_eq!(Code::parse("made-up.code"), None);
    }

    #[test]
    fn short_shows_help_on_its_own_line() {
        let p = Problem::error("site.toml", "unknown key `titel`")
            .code(Code::SettingsUnknownKey)
            .at(2, 1)
            .help("did you mean `title`?");
        assert_eq!(
            p.short(),
            "site.toml:2:1: error[settings.unknown-key]: unknown key `titel`\n  help: did you mean `title`?"
        );
    }
}
