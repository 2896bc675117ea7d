package html

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"

	"github.com/moocreport/moocreport/report"
)

// page renders p. The built-in templates read of the document only its
// title page (title, subtitle, authors, version, study id, build time,
// tool, draft) and of the report only p's own section and the contents
// (TestBuiltInTemplatesReadTheirPage): with them, p is rendered from
// that much of it (ownPage), so that what a page shows is all its key
// hashes, and it goes through memo when there is one. A study's own page
// templates see the whole page model, and are rendered every time.
func (ts *templateSet) page(p *page, memo func(string, func() ([]byte, error)) ([]byte, error)) ([]byte, error) {
	if !ts.builtIn {
		return ts.renderPage(p)
	}
	own := ownPage(p)
	render := func() ([]byte, error) { return ts.renderPage(own) }
	if memo == nil {
		return render()
	}
	// JSON, not gob: it tells a nil pointer from a pointer to an empty
	// value, which the templates tell apart too ({{with .Prev}}). The page
	// model has no maps and no floats, so its JSON is deterministic.
	h := sha256.New()
	h.Write(ts.sum)
	if err := json.NewEncoder(h).Encode(own); err != nil {
		return render()
	}
	return memo(hex.EncodeToString(h.Sum(nil)), render)
}

// ownPage is p without what the built-in templates do not read: the
// document's sections and measures, and the views of every section
// (p.Section and p.Lead keep the page's own).
func ownPage(p *page) *page {
	own := *p
	d := p.Doc
	own.Doc = &report.Document{Title: d.Title, Subtitle: d.Subtitle, Authors: d.Authors, Version: d.Version,
		StudyID: d.StudyID, Built: d.Built, Tool: d.Tool, Draft: d.Draft}
	own.Sections = nil
	return &own
}
