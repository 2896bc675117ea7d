package html

import (
	"bytes"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/moocreport/moocreport/report"
)

// TestBuiltInTemplatesReadTheirPage: every page the built-in templates
// render from the whole page model is byte for byte the page they render
// from ownPage's part of it, so a page's memo key, which hashes only that
// part, covers all the page shows. A template changed to read more (another
// section's blocks, the measures) fails here.
func TestBuiltInTemplatesReadTheirPage(t *testing.T) {
	ts, err := loadTemplates(nil)
	if err != nil {
		t.Fatal(err)
	}
	if !ts.builtIn {
		t.Fatal("the embedded templates are not taken for the built-in ones")
	}
	doc := fixture()
	// Measures, so that a template reading them renders differently below.
	doc.Measures = []report.Measure{{ID: "eat.enrolled", Label: "Enrolled", Value: 210, N: 210, Definition: "Learners enrolled."}}
	s, err := build(doc, options())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range s.pages {
		whole, err := ts.renderPage(p)
		if err != nil {
			t.Fatal(err)
		}
		own, err := ts.renderPage(ownPage(p))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(whole, own) {
			t.Errorf("%s: the built-in templates read more of the page than ownPage keeps", p.File)
		}
		if len(p.Sections) == 0 || len(p.Doc.Sections) == 0 || len(p.Doc.Measures) == 0 {
			t.Errorf("%s: the page model holds no sections to leave out: the test proves nothing", p.File)
		}
	}
}

// TestPageMemo renders a site through a memo that keeps pages, then again:
// after no change no page is rendered, after an edit to one section only
// its page is, after a change every page shows (the title) every page is,
// and with a study's own page template the memo is not used. The files are
// the same as without a memo every time.
func TestPageMemo(t *testing.T) {
	kept := map[string][]byte{}
	var rendered, asked int
	memo := func(key string, render func() ([]byte, error)) ([]byte, error) {
		asked++
		if b, ok := kept[key]; ok {
			return b, nil
		}
		rendered++
		b, err := render()
		kept[key] = b
		return b, err
	}
	edited := fixture()
	edited.Sections[1].Blocks[1].Markdown += " One more sentence."
	retitled := fixture()
	retitled.Title += " (revised)"
	own := fstest.MapFS{"layout.html": {Data: []byte(`{{define "layout"}}<!DOCTYPE html><title>{{.Doc.Title}}</title>{{template "main" .}}{{end}}`)}}
	for _, tc := range []struct {
		name      string
		doc       func() *report.Document
		templates fstest.MapFS
		rendered  int
		asked     int
	}{
		{"first render", fixture, nil, 3, 3},
		{"no change", fixture, nil, 0, 3},
		{"one section edited", func() *report.Document { return edited }, nil, 1, 3},
		{"title changed", func() *report.Document { return retitled }, nil, 3, 3},
		{"the study's own layout", fixture, own, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rendered, asked = 0, 0
			opt := options()
			opt.Templates = tc.templates
			want := tree(t, render(t, tc.doc(), opt))
			opt.PageMemo = memo
			got := tree(t, render(t, tc.doc(), opt))
			if rendered != tc.rendered || asked != tc.asked {
				t.Errorf("%d pages rendered of %d asked for, want %d of %d", rendered, asked, tc.rendered, tc.asked)
			}
			for name, b := range want {
				if !bytes.Equal(got[name], b) {
					t.Errorf("%s differs from the page rendered without a memo", name)
				}
			}
		})
	}
}

// TestRenderWritesEachFileOnce: Render gives Options.Write every file of
// the site once. It writes several at once, and a publisher's Write (see
// site.Stage) replaces a file it is given twice, so a second write of one
// name could remove the first while it is being linked.
func TestRenderWritesEachFileOnce(t *testing.T) {
	var mu sync.Mutex
	seen := map[string]int{}
	opt := options()
	opt.Write = func(name string, data []byte) error {
		mu.Lock()
		seen[name]++
		mu.Unlock()
		return nil
	}
	if err := Render(t.TempDir(), fixture(), opt); err != nil {
		t.Fatal(err)
	}
	if len(seen) == 0 {
		t.Fatal("nothing written")
	}
	for name, n := range seen {
		if n != 1 {
			t.Errorf("%s written %d times", name, n)
		}
	}
}
