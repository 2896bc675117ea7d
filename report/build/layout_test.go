package build

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/moocreport/moocreport/report/charts"
	"github.com/moocreport/moocreport/report/render/pdf"
)

// TestExamplePDFLayout lays out the example study's PDF as a build does
// and checks its pages: every page-break rule holds (pdf.CheckLayout) and
// the whole report, reference appendices included, stays under 30 pages.
func TestExamplePDFLayout(t *testing.T) {
	if testing.Short() {
		t.Skip("reads and computes the whole example study")
	}
	p, err := Prepare(filepath.Join("..", "..", "study.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	_, doc := p.document(time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), "moocreport test")
	pages, problems, err := pdf.CheckLayout(doc, pdfOptions(p.Study, newDrawn(charts.Vector).get, []byte("{}"), []byte("{}")))
	if err != nil {
		t.Fatal(err)
	}
	for _, pr := range problems {
		t.Error(pr)
	}
	if pages >= 30 {
		t.Errorf("the example PDF has %d pages, want under 30", pages)
	}
	t.Logf("the example PDF has %d pages", pages)
}
