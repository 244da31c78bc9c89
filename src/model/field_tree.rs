//! Sub-field membership, defined once: by the field tree (each field's `parent`), never by the
//! look of a number. A field "3.1.7" whose parent is "3.4" belongs to 3.4, not to 3.1; Word
//! adoptions and restructuring produce such trees. The measure filter's in-memory and SQL paths
//! (`store::measure_filter`) and the UI (through `ReferenceData::field_descendants`) all use it.

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
