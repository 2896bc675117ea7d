package study

import (
	"fmt"
	"slices"
	"strings"

	"github.com/moocreport/moocreport/report"
)

// PDF configures the archival PDF.
type PDF struct {
	// PageSize is "A4" (the default when empty) or "Letter". Spelt
	// exactly so: a typo must not silently print on the other paper.
	PageSize string `yaml:"page_size"`
}

// PageSizes lists the accepted values of pdf.page_size.
var PageSizes = []string{"A4", "Letter"}

// validateOutput checks the settings of the outputs (PDF, keywords).
func (s *Study) validateOutput(p *problems) {
	if ps := s.PDF.PageSize; ps != "" && !slices.Contains(PageSizes, ps) {
		p.add("pdf.page_size", "want \"A4\" or \"Letter\", got %q%s", ps, report.DidYouMean(ps, PageSizes))
	}
	for i, k := range s.Keywords {
		// The PDF's keyword field is one string split at ";", so a keyword
		// containing one would read as two.
		if strings.TrimSpace(k) == "" || strings.Contains(k, ";") {
			p.add(fmt.Sprintf("keywords[%d]", i), "want a non-empty keyword without ';', got %q", k)
		}
	}
}
