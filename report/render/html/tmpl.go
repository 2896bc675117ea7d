package html

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"html/template"
	"io/fs"

	"github.com/moocreport/moocreport/templates"
)

// templateSet finds each template file in the study's folder first and in
// the embedded defaults second, following Hugo's lookup order.
type templateSet struct {
	override fs.FS
	contents *template.Template
	section  *template.Template
	// builtIn says every page template is the embedded default (a study's
	// copy of one, unchanged, counts as it); sum is the SHA-256 of the page
	// templates' text (see pageMemo).
	builtIn bool
	sum     []byte
}

// pageTemplates are the files a page is rendered from, in parsing order.
var pageTemplates = []string{"layout.html", "blocks.html", "contents.html", "section.html"}

var funcs = template.FuncMap{
	// plural writes "1 figure", "3 figures".
	"plural": func(n int, one, many string) string {
		if n == 1 {
			return fmt.Sprintf("%d %s", n, one)
		}
		return fmt.Sprintf("%d %s", n, many)
	},
}

// loadTemplates parses the page templates: the layout and blocks shared by
// every page, then the file that defines each kind of page's "main".
func loadTemplates(override fs.FS) (*templateSet, error) {
	ts := &templateSet{override: override}
	var err error
	if ts.contents, err = ts.parse("layout.html", "blocks.html", "contents.html"); err != nil {
		return nil, err
	}
	if ts.section, err = ts.parse("layout.html", "blocks.html", "section.html"); err != nil {
		return nil, err
	}
	ts.builtIn = true
	h := sha256.New()
	for _, name := range pageTemplates {
		b, err := ts.file(name)
		if err != nil {
			return nil, err
		}
		def, err := fs.ReadFile(templates.FS, name)
		ts.builtIn = ts.builtIn && err == nil && bytes.Equal(b, def)
		fmt.Fprintf(h, "%s %d\n", name, len(b))
		h.Write(b)
	}
	ts.sum = h.Sum(nil)
	return ts, nil
}

func (ts *templateSet) parse(names ...string) (*template.Template, error) {
	t := template.New("").Funcs(funcs)
	for _, name := range names {
		b, err := ts.file(name)
		if err != nil {
			return nil, err
		}
		if _, err := t.New(name).Parse(string(b)); err != nil {
			return nil, fmt.Errorf("html: template %s: %w", ts.where(name), err)
		}
	}
	return t, nil
}

// file reads a template file, from the override folder when it has one.
func (ts *templateSet) file(name string) ([]byte, error) {
	return readTemplate(ts.override, name)
}

func readTemplate(override fs.FS, name string) ([]byte, error) {
	if override != nil {
		b, err := fs.ReadFile(override, name)
		if err == nil {
			return b, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("html: reading templates/%s: %w", name, err)
		}
	}
	return fs.ReadFile(templates.FS, name)
}

// where names a template file as a study author would look for it.
func (ts *templateSet) where(name string) string {
	if ts.override != nil {
		if _, err := fs.Stat(ts.override, name); err == nil {
			return "templates/" + name + " (the study's)"
		}
	}
	return name + " (built-in)"
}

// renderPage executes the page's "layout" with the templates of its kind.
func (ts *templateSet) renderPage(p *page) ([]byte, error) {
	t := ts.section
	if p.Section == nil {
		t = ts.contents
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", p); err != nil {
		return nil, fmt.Errorf("html: page %s: %w", p.File, err)
	}
	return buf.Bytes(), nil
}
