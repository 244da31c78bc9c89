//! Sub-field membership, defined once: by the field tree (each field's `parent`), never by the
//! look of a number. A field "3.1.7" whose parent is "3.4" belongs to 3.4, not to 3.1; Word
//! adoptions and restructuring produce such trees. The measure filter's in-memory and SQL paths
//! (`store::measure_filter`), the inbox, the overview's counts (`top_level`) and the UI
//! (through `ReferenceData::field_descendants`) all use it.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::Field;

/// `number` and every field below it, in the order of `fields`; empty if there is no such
/// field.
pub fn descendants(fields: &[Field], number: &str) -> Vec<String> {
    let mut children: HashMap<&str, Vec<&str>> = HashMap::new();
    for f in fields {
        if let Some(parent) = &f.parent {
            children.entry(parent).or_default().push(&f.number);
        }
    }
    let mut within: HashSet<&str> = HashSet::new();
    if fields.iter().any(|f| f.number == number) {
        let mut todo = vec![number];
        while let Some(n) = todo.pop() {
            // The set also ends a cycle, which the store never writes but a test may build.
            if within.insert(n) {
                todo.extend(children.get(n).into_iter().flatten());
            }
        }
    }
    fields
        .iter()
        .filter(|f| within.contains(f.number.as_str()))
        .map(|f| f.number.clone())
        .collect()
}

/// The top-level field `number` belongs to, by the parent links ("3.1.2" → "3.1" when "3.1"
/// has no parent); a number the tree does not know is its own top level.
pub fn top_level<'a>(fields: &'a [Field], number: &'a str) -> &'a str {
    let mut current = number;
    // At most one step per field: a cycle, which the store never writes, ends the walk.
    for _ in 0..fields.len() {
        match fields
            .iter()
            .find(|f| f.number == current)
            .and_then(|f| f.parent.as_deref())
        {
            Some(parent) => current = parent,
            None => break,
        }
    }
    current
}

/// [`descendants`] of every field, keyed by its number.
pub fn all_descendants(fields: &[Field]) -> BTreeMap<String, Vec<String>> {
    fields
        .iter()
        .map(|f| (f.number.clone(), descendants(fields, &f.number)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(number: &str, parent: Option<&str>) -> Field {
        Field {
            id: 0,
            number: number.into(),
            title: String::new(),
            parent: parent.map(Into::into),
            intro: String::new(),
            sort_order: 0,
            version: 1,
        }
    }

    #[test]
    fn sub_fields_count_for_their_top_level_field() {
        let fields = [
            field("3.1", None),
            field("3.1.1", Some("3.1")),
            field("3.1.1.1", Some("3.1.1")),
            field("3.1.7", Some("3.10")),
            field("3.10", None),
        ];
        assert_eq!(top_level(&fields, "3.1.1.1"), "3.1");
        assert_eq!(top_level(&fields, "3.1"), "3.1");
        assert_eq!(top_level(&fields, "3.1.7"), "3.10");
        assert_eq!(top_level(&fields, "9.9"), "9.9");
    }

    #[test]
    fn membership_follows_the_parent_links_not_the_numbers() {
        let fields = [
            field("3.1", None),
            field("3.1.1", Some("3.1")),
            field("3.1.1.1", Some("3.1.1")),
            // Looks like a sub-field of 3.1, but hangs below 3.10.
            field("3.1.7", Some("3.10")),
            field("3.10", None),
            // Looks like nothing, but is a sub-field of 3.1.
            field("9", Some("3.1")),
        ];
        assert_eq!(
            descendants(&fields, "3.1"),
            ["3.1", "3.1.1", "3.1.1.1", "9"]
        );
        assert_eq!(descendants(&fields, "3.10"), ["3.1.7", "3.10"]);
        assert_eq!(descendants(&fields, "3.1.1.1"), ["3.1.1.1"]);
        assert!(descendants(&fields, "3").is_empty());
        let all = all_descendants(&fields);
        assert_eq!(all.len(), fields.len());
        assert_eq!(all["3.1.1"], ["3.1.1", "3.1.1.1"]);
    }

    #[test]
    fn a_cycle_ends() {
        let fields = [field("1", Some("2")), field("2", Some("1"))];
        assert_eq!(descendants(&fields, "1"), ["1", "2"]);
    }
}
