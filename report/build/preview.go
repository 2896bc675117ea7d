package build

import (
	"path/filepath"
	"time"
)

// Preview is a draft of a study rendered into a folder of the caller's,
// outside public/: `moocreport serve` shows it. Nothing is published and no
// published version is read or touched beyond listing the versions for the
// switcher.
type Preview struct {
	Prepared *Prepared
	r        *rendered
}

// RenderPreview prepares the study (through opt.Cache) and writes its site,
// measures.json and manifest.json into dir, which must exist. The PDF takes
// longest, so it is left to Preview.PDF: a browser can show the pages
// first. opt.Public, Force and Appendix are ignored; the build time is
// opt.Built, else opt.Now.
func RenderPreview(opt Options, dir string) (*Preview, error) {
	p, err := PrepareWith(opt.StudyFile, PrepareOptions{Cache: opt.Cache})
	if err != nil {
		return nil, err
	}
	built := opt.Built
	if built.IsZero() {
		built = opt.Now
	}
	man, doc := p.document(built.UTC().Truncate(time.Second), opt.Tool)
	doc.Draft, man.Draft = true, true
	public := opt.Public
	if public == "" {
		public = filepath.Join(p.Study.Dir, "public")
	}
	r, err := renderSite(dirOutput(dir), doc, man, p.Study, p.measuresKey, public, nil, opt.Cache)
	if err != nil {
		return nil, err
	}
	opt.Cache.trim(time.Now()) // a preview session may outlast many builds
	return &Preview{Prepared: p, r: r}, nil
}

// PDF writes the preview's report.pdf beside its pages.
func (pv *Preview) PDF() error { return pv.r.previewPDF() }
