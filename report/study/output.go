package study

import (
	"fmt"
	"strings"
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
func (s *Study) validateOutput() []error {
	var errs []error
	if p := s.PDF.PageSize; p != "" && !contains(PageSizes, p) {
		errs = append(errs, fmt.Errorf("pdf.page_size: want \"A4\" or \"Letter\", got %q", p))
	}
	for i, k := range s.Keywords {
		// The PDF's keyword field is one string split at ";", so a keyword
		// containing one would read as two.
		if strings.TrimSpace(k) == "" || strings.Contains(k, ";") {
			errs = append(errs, fmt.Errorf("keywords[%d]: want a non-empty keyword without ';', got %q", i, k))
		}
	}
	return errs
}
