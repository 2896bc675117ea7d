// Package html renders one version of a report as a static site: an
// index.html with the table of contents, one page per section, every figure
// as SVG and every table and figure's data as CSV. It also renders the
// public/index.html that lists all versions.
//
// It draws what the report.Document holds and computes nothing: numbers
// arrive as formatted text, figures as SVG from Options.FigureSVG. Pages
// come from html/template, so every string from the data is escaped, and
// narrative Markdown is rendered without raw HTML.
//
// A version folder is self-contained: its pages link only relatively (to
// each other, to style.css, figures/, data/, the PDF and manifest beside
// them, and to ../<version>/ for other versions), so it reads the same from
// file://, from any sub-path of a web server and as a copy in latest/.
package html

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"

	"github.com/moocreport/moocreport/internal/par"
	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/tabular"
)

// Version is one published version as the version switcher and the index of
// versions show it.
type Version struct {
	Version string
	Date    string // already formatted for reading, e.g. "2 January 2006"
	Summary string
}

// Options are what Render needs beyond the Document. The zero value renders
// the embedded templates with no version switcher and no download links;
// FigureSVG is needed only when the document has figures.
type Options struct {
	// Templates is the study's template folder, or nil. A file found there
	// replaces the embedded default of the same name (see package
	// templates); files it lacks come from the defaults.
	Templates fs.FS
	// FigureSVG draws a figure; the charts package supplies it. It must be
	// set when the document has figures.
	FigureSVG func(*report.Figure) ([]byte, error)
	// FigureNarrowSVG draws a figure laid out for phones (the charts
	// package's NarrowSVG); pages show it on narrow screens instead of
	// FigureSVG's. Nil leaves the wide drawing alone, scaled to the screen.
	FigureNarrowSVG func(*report.Figure) ([]byte, error)
	// Versions lists every published version, newest first, including
	// this one, for the version switcher.
	Versions []Version
	// PDF, Manifest and Measures name the files written beside the pages
	// ("report.pdf", "manifest.json", "measures.json"); an empty name
	// leaves its link out.
	PDF      string
	Manifest string
	Measures string
	// Write, when set, writes each file of the site (name slash-separated,
	// relative to the version folder) in place of Render writing into dir;
	// a publisher's can link a file that did not change since the last
	// publish instead of writing it again. It is called from several
	// goroutines at once (see writeAll).
	Write func(name string, data []byte) error
	// PageMemo, when set, keeps rendered pages between renders: it returns
	// what render returns for key, from an earlier call with the same key
	// or by calling render. A key is the SHA-256 of everything the page's
	// templates see of it and of the templates, so a page is rendered again
	// only when something it shows changed; with a study's own page
	// templates, which may read anything, pages are always rendered. Nil
	// renders every page; the pages are the same either way.
	PageMemo func(key string, render func() ([]byte, error)) ([]byte, error)
}

// safeName is what ids and versions must look like to become file names and
// URL path segments unchanged: no separators, no leading dot. It matches
// the study package's rule for versions.
var safeName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

// Render writes the site of doc's version into dir, which must exist:
// index.html, <section-id>.html per section, figures/<id>.svg, data/<id>.csv
// and style.css. The stylesheet is copied into every version rather than
// shared, so a published version keeps its look forever. Everything is
// rendered in memory first: a bad id, a figure that cannot be drawn or a
// broken override template fails before any file is written. The PDF and
// JSON files are the caller's.
func Render(dir string, doc *report.Document, opt Options) error {
	if doc == nil {
		return errors.New("html: nil document")
	}
	site, err := build(doc, opt)
	if err != nil {
		return err
	}
	ts, err := loadTemplates(opt.Templates)
	if err != nil {
		return err
	}
	var out []outFile // in a fixed order: pages, stylesheet, figures, data
	for _, p := range site.pages {
		b, err := ts.page(p, opt.PageMemo)
		if err != nil {
			return err
		}
		out = append(out, outFile{p.File, b})
	}
	css, err := ts.file("style.css")
	if err != nil {
		return err
	}
	out = append(out, outFile{"style.css", css})
	for _, f := range site.svgs {
		out = append(out, outFile{f.path, f.svg})
	}
	for _, t := range site.csvs {
		out = append(out, outFile{t.path, tabular.CSV(t.table)})
	}
	write := opt.Write
	if write == nil {
		write = func(name string, data []byte) error { return writeFile(dir, name, data) }
	}
	return writeAll(out, write)
}

// writeAll writes the files four at a time: creating a file is a system
// call of a good fraction of a millisecond here, and a site has a hundred
// or more. The error returned is the first file's, in order.
func writeAll(out []outFile, write func(name string, data []byte) error) error {
	return par.Each(len(out), 4, func(i int) error { return write(out[i].name, out[i].data) })
}

type outFile struct {
	name string // slash-separated, relative to the version folder
	data []byte
}

// writeFile writes name (slash-separated, relative to dir), making its
// folder as needed.
func writeFile(dir, name string, b []byte) error {
	path := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}
