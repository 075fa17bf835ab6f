//! Configuration discovery: the nearest `.specmark.toml` walking up from each file's folder,
//! or the one file given with `--config`. Read once per folder, shared between files.

use super::paths;
use specmark::Config;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub const FILE_NAME: &str = ".specmark.toml";

/// A configuration and the folder its relative globs are written against.
#[derive(Debug)]
pub struct LoadedConfig {
    pub config: Config,
    /// Absolute folder holding the configuration file (the current folder for defaults).
    pub dir: PathBuf,
}

impl LoadedConfig {
    /// Whether `exclude` matches the file, relative to the config's folder or as displayed.
    pub fn excludes(&self, abs: &Path, display: &str) -> bool {
        if self.config.exclude.is_empty() {
            return false;
        }
        let rel = abs
            .strip_prefix(&self.dir)
            .map(paths::slashes)
            .unwrap_or_else(|_| display.to_string());
        self.config.excludes_file(&rel, display)
    }
}

/// Finds and caches configurations.
pub struct Configs {
    cwd: PathBuf,
    /// `--profile NAME`, set on every configuration.
    profile: Option<String>,
    forced: Option<Arc<LoadedConfig>>,
    default: Arc<LoadedConfig>,
    /// Folder → the configuration that applies to files directly inside it.
    cache: HashMap<PathBuf, Arc<LoadedConfig>>,
}

impl Configs {
    /// With `explicit` set, every file uses that configuration. An error is the message to
    /// print (`path:line:col: message`).
    pub fn new(
        cwd: &Path,
        explicit: Option<&Path>,
        profile: Option<&str>,
    ) -> Result<Configs, String> {
        let mut config = Config::default();
        config.profile = profile.map(str::to_string);
        config.check_profiles().map_err(|e| e.to_string())?;
        let default = Arc::new(LoadedConfig {
            config,
            dir: cwd.to_path_buf(),
        });
        let forced = match explicit {
            Some(p) => {
                let abs = paths::absolute(cwd, p);
                Some(Arc::new(load(cwd, &abs, profile)?))
            }
            None => None,
        };
        Ok(Configs {
            cwd: cwd.to_path_buf(),
            profile: profile.map(str::to_string),
            forced,
            default,
            cache: HashMap::new(),
        })
    }

    /// The configuration for files in folder `dir` (absolute).
    pub fn for_dir(&mut self, dir: &Path) -> Result<Arc<LoadedConfig>, String> {
        if let Some(f) = &self.forced {
            return Ok(f.clone());
        }
        let mut visited: Vec<PathBuf> = Vec::new();
        let mut found: Option<Arc<LoadedConfig>> = None;
        for d in dir.ancestors() {
            if let Some(c) = self.cache.get(d) {
                found = Some(c.clone());
                break;
            }
            visited.push(d.to_path_buf());
            let candidate = d.join(FILE_NAME);
            if candidate.is_file() {
                found = Some(Arc::new(load(
                    &self.cwd,
                    &candidate,
                    self.profile.as_deref(),
                )?));
                break;
            }
        }
        let config = found.unwrap_or_else(|| self.default.clone());
        for d in visited {
            self.cache.insert(d, config.clone());
        }
        Ok(config)
    }

    /// The configuration for a file (absolute path).
    pub fn for_file(&mut self, file: &Path) -> Result<Arc<LoadedConfig>, String> {
        match file.parent() {
            Some(dir) => self.for_dir(dir),
            None => self.for_dir(&self.cwd.clone()),
        }
    }
}

fn load(cwd: &Path, abs: &Path, profile: Option<&str>) -> Result<LoadedConfig, String> {
    let shown = paths::display(cwd, abs);
    // Never read a FIFO or device given as --config: the read would block or never end.
    if std::fs::metadata(abs).is_ok_and(|m| !m.is_file()) {
        return Err(format!(
            "{shown}: cannot read configuration: not a regular file"
        ));
    }
    let text = std::fs::read_to_string(abs).map_err(|e| {
        format!(
            "{shown}: cannot read configuration: {}",
            super::io_message(&e)
        )
    })?;
    let mut config = Config::from_toml(&text, Some(&shown)).map_err(|e| e.to_string())?;
    let dir = abs
        .parent()
        .map_or_else(|| cwd.to_path_buf(), Path::to_path_buf);
    read_templates(&mut config, &dir, &shown)?;
    if profile.is_some() {
        config.profile = profile.map(str::to_string);
    }
    config
        .check_profiles()
        .map_err(|e| format!("{shown}: {}", e.message))?;
    Ok(LoadedConfig { config, dir })
}

/// Read each `[[profiles]]` template, relative to the configuration's folder.
fn read_templates(config: &mut Config, dir: &Path, shown: &str) -> Result<(), String> {
    config.fill_templates(shown, |name, rel| {
        let text = std::fs::read(dir.join(rel)).map_err(|e| {
            format!(
                "{shown}: profile \"{name}\": cannot read template {rel}: {}",
                super::io_message(&e)
            )
        })?;
        String::from_utf8(text)
            .map_err(|_| format!("{shown}: profile \"{name}\": template {rel} is not UTF-8 text"))
    })
}
