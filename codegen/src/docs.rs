//! The docs writer: the pages of [`emit::docs`] as registry-style Markdown files
//! (`docs/resources/NAME.md`, `docs/data-sources/NAME.md`, `docs/ephemeral-resources/NAME.md`),
//! the same text the generated modules carry as rustdoc.

use crate::emit::docs::{markdown_path, page, Page};
use crate::error::Result;
use crate::{naming, Config, Generated, GeneratedFile};

impl Config {
    /// The docs page of every resource, data source and ephemeral resource of the selected
    /// providers, in provider then module order. Examples import from the crate that
    /// [`Config::generate`] would write with the same settings.
    pub fn doc_pages(&self, schema_json: &str) -> Result<Vec<Page>> {
        let file = self.file_name.as_deref().unwrap_or("<schema>");
        crate::read::on_deep_stacks(|| self.doc_pages_inner(schema_json))
            .map_err(|e| e.in_file(file))
    }

    fn doc_pages_inner(&self, schema_json: &str) -> Result<Vec<Page>> {
        let packages = self.selected_packages(schema_json)?;
        let multi = packages.len() > 1;
        let mut pages = Vec::new();
        for pkg in &packages {
            let krate = self
                .package_name_of(&pkg.provider_name, multi)
                .replace('-', "_");
            let krate = (self.layout == crate::Layout::Package).then_some(krate.as_str());
            pages.extend(pkg.items.iter().map(|item| page(pkg, item, krate)));
        }
        Ok(pages)
    }

    /// The Markdown docs of the document `schema_json`, in memory (with several providers, each
    /// under a directory named after it).
    pub fn generate_docs(&self, schema_json: &str) -> Result<Generated> {
        let pages = self.doc_pages(schema_json)?;
        let multi = pages.windows(2).any(|w| w[0].provider != w[1].provider);
        let mut files: Vec<GeneratedFile> = pages
            .iter()
            .map(|p| {
                let rel = markdown_path(p);
                let path = if multi {
                    format!("{}/{rel}", naming::module_ident(&p.provider))
                } else {
                    rel
                };
                GeneratedFile {
                    path: path.into(),
                    contents: p.markdown(),
                }
            })
            .collect();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        // Two types differing only in characters a file name cannot hold: keep both, numbered.
        for i in 1..files.len() {
            if files[i].path == files[i - 1].path {
                let mut n = 2;
                let stem = files[i].path.with_extension("");
                while files
                    .iter()
                    .any(|f| f.path == stem.with_extension(format!("{n}.md")))
                {
                    n += 1;
                }
                files[i].path = stem.with_extension(format!("{n}.md"));
            }
        }
        Ok(Generated {
            files,
            warnings: Vec::new(),
        })
    }
}
