//! Every message the code asks for exists, in both languages.

/// The message ids of a Fluent file.
fn ids(ftl: &str) -> std::collections::BTreeSet<String> {
    ftl.lines()
        .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
        .filter_map(|l| l.split_once(" =").map(|(id, _)| id.trim().to_owned()))
        .collect()
}

/// The message ids of every Fluent file of `lang`.
fn all_ids(lang: &str) -> std::collections::BTreeSet<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("locales")
        .join(lang);
    std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
        .flat_map(|p| ids(&std::fs::read_to_string(p).unwrap_or_default()))
        .collect()
}

/// Each message id of `lang` with the files that define it.
fn definitions(lang: &str) -> std::collections::BTreeMap<String, Vec<String>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("locales")
        .join(lang);
    let mut out: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for path in std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
    {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        for line in text
            .lines()
            .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
        {
            if let Some((id, _)) = line.split_once(" =") {
                out.entry(id.trim().to_owned())
                    .or_default()
                    .push(name.clone());
            }
        }
    }
    out
}

#[test]
fn no_message_is_defined_twice() {
    // Fluent refuses a bundle with a message twice, and the window then stays blank.
    for lang in ["ru", "en"] {
        let twice: Vec<_> = definitions(lang)
            .into_iter()
            .filter(|(_, files)| files.len() > 1)
            .collect();
        assert!(twice.is_empty(), "{lang}: {twice:?}");
    }
}

#[test]
fn russian_and_english_have_the_same_messages() {
    let ru = all_ids("ru");
    let en = all_ids("en");
    assert!(ru.len() > 30, "{ru:?}");
    assert_eq!(
        ru.symmetric_difference(&en).collect::<Vec<_>>(),
        Vec::<&String>::new()
    );
}

#[test]
fn every_message_the_code_asks_for_exists() {
    let known = all_ids("ru");
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![src];
    let mut missing = Vec::new();
    let mut used = 0;
    let mut sources = Vec::new();
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(
                std::fs::read_dir(&path)
                    .into_iter()
                    .flatten()
                    .flatten()
                    .map(|e| e.path()),
            );
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        sources.push((path.clone(), text.clone()));
        for (at, _) in text.match_indices("tr!(") {
            // `tr!(` or `move_tr!(`, not the end of another macro's name.
            let before = text[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_')
                && !text[..at].ends_with("move_")
            {
                continue;
            }
            // The first string literal after the macro's parenthesis is the message id,
            // after at most the name of the i18n context; mentions in comments are skipped.
            let mut rest = text[at + 4..].split('"');
            let head = rest.next().unwrap_or_default();
            let Some(id) = rest.next() else { continue };
            let is_call = head
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == ',' || c.is_whitespace());
            let is_id = !id.is_empty()
                && id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if !is_call || !is_id {
                continue;
            }
            used += 1;
            if !known.contains(id) {
                missing.push(format!("{}: {id}", path.display()));
            }
        }
    }
    // Ids looked up at run time: the arguments of `label("…")` and `i18n.tr("…")`, the
    // message-id props and constants (`title_key="…"`, `CHOOSE_KEY: … = "…"`), and every
    // literal of the families only messages use (`field-…`, `col-…`, `sort-…`, the CMR
    // boxes, documents and charges) — the field and column tables name their labels so.
    let families = [
        "field-",
        "col-",
        "sort-",
        "action-",
        "cmr-box-",
        "cmr-doc-",
        "cmr-charge-",
    ];
    let not_messages = ["field-error"];
    for (path, text) in &sources {
        for marker in [
            "label(\"",
            "i18n.tr(\"",
            "_key=\"",
            "_KEY: &'static str = \"",
        ] {
            for (at, _) in text.match_indices(marker) {
                let id: String = text[at + marker.len()..]
                    .chars()
                    .take_while(|c| *c != '"')
                    .collect();
                let is_id = id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
                if is_id && !known.contains(&id) {
                    missing.push(format!("{}: {id}", path.display()));
                }
            }
        }
        for literal in text.split('"').skip(1).step_by(2) {
            let is_id = literal
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if is_id
                && !literal.ends_with('-')
                && families.iter().any(|f| literal.starts_with(f))
                && !not_messages.contains(&literal)
                && !known.contains(literal)
            {
                missing.push(format!("{}: {literal}", path.display()));
            }
        }
    }
    assert!(used > 20, "found only {used} uses");
    assert!(missing.is_empty(), "no such message: {missing:?}");
}
