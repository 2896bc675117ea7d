package build

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
)

// draftBanner is what the default layout.html writes on every page of a
// draft (report.Document.Draft).
var draftBanner = []byte(`class="draft-banner"`)

// checkDraftMarked makes sure every page of a draft says it is one. A
// study's own templates/layout.html replaces the default one and may leave
// the banner out; a draft that looks like a version must not be published
// even as a draft.
func checkDraftMarked(dir string) error {
	pages, err := filepath.Glob(filepath.Join(dir, "*.html"))
	if err != nil {
		return err
	}
	for _, p := range pages {
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if !bytes.Contains(b, draftBanner) {
			return fmt.Errorf("%s would not say it is a draft: the study's templates/layout.html has no draft banner; copy the {{if .Doc.Draft}} banner from the default layout.html (in the moocreport sources, templates/layout.html) into it", filepath.Base(p))
		}
	}
	return nil
}
