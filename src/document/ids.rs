//! The shapes of a document's task ids (`T001`, `1.2`, `INT3`) and lookups by shape: which
//! references look like this document's ids, and which known ids lie nearest to an unknown one.

use super::tasks::split_id;
use super::Document;

/// The form of an id: its letter prefix (with any `-`) and how many numbers it has, so
/// `T001` and `T014` share a shape, while `1.2`, `2` and `US1` each have their own.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IdShape {
    pub prefix: String,
    pub parts: usize,
}

impl IdShape {
    pub fn of(id: &str) -> IdShape {
        let (prefix, parts) = shape_parts(id);
        IdShape {
            prefix: prefix.to_string(),
            parts,
        }
    }
}

/// The letter prefix and the count of numbers of an id, without allocating.
fn shape_parts(id: &str) -> (&str, usize) {
    let digits = id.find(|c: char| c.is_ascii_digit()).unwrap_or(id.len());
    (&id[..digits], id[digits..].split('.').count())
}

/// An id of a group: its numbers (for ordering) and its text.
type Member = (Vec<u64>, String);

/// The task ids of one document, grouped by shape and sorted by number for neighbour
/// lookups.
#[derive(Debug, Default)]
pub struct IdCatalog {
    /// One group per distinct shape (a handful per document): (numbers, id), sorted.
    groups: Vec<(IdShape, Vec<Member>)>,
}

impl IdCatalog {
    pub fn new(doc: &Document<'_>) -> IdCatalog {
        Self::from_ids(doc.task_ids())
    }

    pub fn from_ids<'i>(ids: impl Iterator<Item = &'i str>) -> IdCatalog {
        let mut groups: Vec<(IdShape, Vec<Member>)> = Vec::new();
        for id in ids {
            let (prefix, parts) = shape_parts(id);
            let entry = (split_id(id).1, id.to_string());
            match groups
                .iter_mut()
                .find(|(s, _)| s.parts == parts && s.prefix == prefix)
            {
                Some((_, members)) => members.push(entry),
                None => groups.push((IdShape::of(id), vec![entry])),
            }
        }
        for (_, members) in &mut groups {
            crate::sort::sort(members);
            members.dedup();
        }
        IdCatalog { groups }
    }

    fn group(&self, id: &str) -> Option<&[Member]> {
        let (prefix, parts) = shape_parts(id);
        self.groups
            .iter()
            .find(|(s, _)| s.parts == parts && s.prefix == prefix)
            .map(|(_, m)| m.as_slice())
    }

    /// Whether some task id of the document has the shape of `id`.
    pub fn has_shape(&self, id: &str) -> bool {
        self.group(id).is_some()
    }

    /// The known ids of the same shape just below and just above `id` (at most two).
    pub fn nearest(&self, id: &str) -> Vec<&str> {
        let Some(members) = self.group(id) else {
            return Vec::new();
        };
        let numbers = split_id(id).1;
        let at = members.partition_point(|(n, _)| *n < numbers);
        let mut out = Vec::new();
        if let Some((_, below)) = at.checked_sub(1).and_then(|i| members.get(i)) {
            out.push(below.as_str());
        }
        if let Some((_, above)) = members.get(at).filter(|(_, a)| a != id) {
            out.push(above.as_str());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_neighbours() {
        let c = IdCatalog::from_ids(["T001", "T107", "T138", "1.1", "2.3", "R1"].into_iter());
        assert!(c.has_shape("T108"));
        assert!(c.has_shape("4.1"));
        assert!(!c.has_shape("US1"));
        assert!(!c.has_shape("T-001"));
        assert!(!c.has_shape("3"));
        assert_eq!(c.nearest("T108"), ["T107", "T138"]);
        assert_eq!(c.nearest("T200"), ["T138"]);
        assert_eq!(c.nearest("2.4"), ["2.3"]);
        assert_eq!(c.nearest("0.9"), ["1.1"]);
        assert!(c.nearest("X9").is_empty());
    }
}
