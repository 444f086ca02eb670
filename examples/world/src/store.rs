//! The world's SQLite file: entities (name, parent, JSON properties), verbs (source and
//! the IR compiled from it) and suspended tasks (the VM state as JSON, with its wake time).
//! Every change is written at once, so a process may stop at any point between runs.

use rusqlite::{Connection, OptionalExtension, params};

/// What went wrong with the world's file.
pub type DbResult<T> = rusqlite::Result<T>;

/// One entity: its id, parent (prototype) and own properties.
#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    pub id: i64,
    pub parent: Option<i64>,
    pub props: serde_json::Map<String, serde_json::Value>,
}

/// A verb as stored: where it is defined, its language and source, and its IR.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredVerb {
    pub entity: i64,
    pub name: String,
    pub language: String,
    pub source: String,
    pub ir: String,
}

/// A suspended task.
#[derive(Clone, Debug, PartialEq)]
pub struct Task {
    pub id: i64,
    /// When it may resume, in milliseconds since the Unix epoch.
    pub wake_at: i64,
    /// The entity its verb runs on.
    pub this: i64,
    /// `#id:verb`, for reports.
    pub label: String,
    /// `SuspendedState::to_json`.
    pub state: String,
}

#[derive(Debug)]
pub struct Store {
    db: Connection,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS entities (
    id INTEGER PRIMARY KEY,
    parent INTEGER REFERENCES entities(id),
    props TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS verbs (
    entity INTEGER NOT NULL REFERENCES entities(id),
    name TEXT NOT NULL,
    language TEXT NOT NULL,
    source TEXT NOT NULL,
    ir TEXT NOT NULL,
    PRIMARY KEY (entity, name)
);
CREATE TABLE IF NOT EXISTS tasks (
    id INTEGER PRIMARY KEY,
    wake_at INTEGER NOT NULL,
    this INTEGER NOT NULL,
    label TEXT NOT NULL,
    state TEXT NOT NULL
);
";

impl Store {
    /// Opens (creating if needed) the world file at `path`.
    pub fn open(path: &std::path::Path) -> DbResult<Store> {
        let db = Connection::open(path)?;
        db.execute_batch(SCHEMA)?;
        Ok(Store { db })
    }

    /// Deletes everything (for `world init` on an existing file).
    pub fn clear(&self) -> DbResult<()> {
        self.db
            .execute_batch("DELETE FROM tasks; DELETE FROM verbs; DELETE FROM entities;")
    }

    pub fn create_entity(
        &self,
        parent: Option<i64>,
        props: &serde_json::Map<String, serde_json::Value>,
    ) -> DbResult<i64> {
        self.db.execute(
            "INSERT INTO entities (parent, props) VALUES (?1, ?2)",
            params![parent, serde_json::Value::Object(props.clone()).to_string()],
        )?;
        Ok(self.db.last_insert_rowid())
    }

    pub fn entity(&self, id: i64) -> DbResult<Option<Entity>> {
        self.db
            .query_row(
                "SELECT parent, props FROM entities WHERE id = ?1",
                [id],
                |row| Ok((row.get::<_, Option<i64>>(0)?, row.get::<_, String>(1)?)),
            )
            .optional()
            .map(|found| {
                found.map(|(parent, props)| Entity {
                    id,
                    parent,
                    props: serde_json::from_str(&props).unwrap_or_default(),
                })
            })
    }

    pub fn entities(&self) -> DbResult<Vec<Entity>> {
        let mut stmt = self.db.prepare("SELECT id FROM entities ORDER BY id")?;
        let ids: Vec<i64> = stmt
            .query_map([], |row| row.get(0))?
            .collect::<DbResult<_>>()?;
        let mut out = Vec::new();
        for id in ids {
            out.extend(self.entity(id)?);
        }
        Ok(out)
    }

    pub fn set_prop(&self, id: i64, key: &str, value: serde_json::Value) -> DbResult<()> {
        let Some(mut entity) = self.entity(id)? else {
            return Ok(());
        };
        entity.props.insert(key.to_owned(), value);
        self.db.execute(
            "UPDATE entities SET props = ?1 WHERE id = ?2",
            params![serde_json::Value::Object(entity.props).to_string(), id],
        )?;
        Ok(())
    }

    pub fn put_verb(&self, verb: &StoredVerb) -> DbResult<()> {
        self.db.execute(
            "INSERT OR REPLACE INTO verbs (entity, name, language, source, ir) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![verb.entity, verb.name, verb.language, verb.source, verb.ir],
        )?;
        Ok(())
    }

    /// The verb `name` defined on `entity` itself (not inherited).
    pub fn verb(&self, entity: i64, name: &str) -> DbResult<Option<StoredVerb>> {
        self.db
            .query_row(
                "SELECT language, source, ir FROM verbs WHERE entity = ?1 AND name = ?2",
                params![entity, name],
                |row| {
                    Ok(StoredVerb {
                        entity,
                        name: name.to_owned(),
                        language: row.get(0)?,
                        source: row.get(1)?,
                        ir: row.get(2)?,
                    })
                },
            )
            .optional()
    }

    /// The names and languages of the verbs defined on `entity`, by name.
    pub fn verbs_of(&self, entity: i64) -> DbResult<Vec<(String, String)>> {
        let mut stmt = self
            .db
            .prepare("SELECT name, language FROM verbs WHERE entity = ?1 ORDER BY name")?;
        stmt.query_map([entity], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect()
    }

    pub fn add_task(&self, wake_at: i64, this: i64, label: &str, state: &str) -> DbResult<i64> {
        self.db.execute(
            "INSERT INTO tasks (wake_at, this, label, state) VALUES (?1, ?2, ?3, ?4)",
            params![wake_at, this, label, state],
        )?;
        Ok(self.db.last_insert_rowid())
    }

    /// Every task, earliest wake time first.
    pub fn tasks(&self) -> DbResult<Vec<Task>> {
        let mut stmt = self
            .db
            .prepare("SELECT id, wake_at, this, label, state FROM tasks ORDER BY wake_at, id")?;
        stmt.query_map([], |row| {
            Ok(Task {
                id: row.get(0)?,
                wake_at: row.get(1)?,
                this: row.get(2)?,
                label: row.get(3)?,
                state: row.get(4)?,
            })
        })?
        .collect()
    }

    /// Removes a task; false when it was already gone (another process took it).
    pub fn take_task(&self, id: i64) -> DbResult<bool> {
        Ok(self.db.execute("DELETE FROM tasks WHERE id = ?1", [id])? == 1)
    }
}
