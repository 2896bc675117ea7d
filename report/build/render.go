package build

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/charts"
	"github.com/moocreport/moocreport/report/render/appendix"
	"github.com/moocreport/moocreport/report/render/html"
	"github.com/moocreport/moocreport/report/render/pdf"
	"github.com/moocreport/moocreport/report/site"
	"github.com/moocreport/moocreport/report/study"
)

// publish renders a prepared study and publishes it as opt says: a
// version, or the draft.
func (p *Prepared) publish(opt Options) (*Result, error) {
	logf := func(format string, args ...any) {
		if opt.Log != nil {
			fmt.Fprintf(opt.Log, format+"\n", args...)
		}
	}
	progress := opt.Progress
	if progress == nil {
		progress = func(string) {}
	}
	s := p.Study
	// The data-quality section counts the data files ingest read; the
	// manifest also lists the narrative and templates. Say both, so the
	// two counts agree.
	data := len(p.Data.Inputs)
	logf("read %s: %s, %s of activity, %s (and %s)",
		report.Count(data, "input file"), report.Count(p.Data.Learners, "learner"), report.Count(p.Data.LearnerWeeks, "learner-week"),
		report.Count(p.Data.Responses, "survey response"), report.Count(len(p.Inputs)-data, "narrative and template file"))
	public := opt.Public
	if public == "" {
		public = filepath.Join(s.Dir, "public")
	}
	// Finish any publish a killed build left half done before looking at
	// what is published.
	if err := site.Recover(public); err != nil {
		return nil, err
	}
	built := opt.Built
	if built.IsZero() {
		built = opt.Now
		if m, err := site.ReadManifest(filepath.Join(public, s.Version)); err == nil && !opt.Draft {
			built = m.Built
		}
	}
	built = built.UTC().Truncate(time.Second)

	man, doc := p.document(built, opt.Tool)
	doc.Draft, man.Draft = opt.Draft, opt.Draft

	st, err := site.NewStage(public)
	if err != nil {
		return nil, err
	}
	defer st.Discard()
	// A file that did not change since the version (or draft) was last
	// published, or since the newest version, is linked, not written.
	if opt.Draft {
		st.Reuse(site.Draft, site.Latest)
	} else {
		st.Reuse(s.Version, site.Latest)
		// A rebuild is most often of the newest version, which latest/
		// copies: the copy is made as the files are written.
		st.StageLatest()
	}
	// What the render made for the cache is stored while the version is
	// published, which waits mostly for the disk.
	var storing sync.WaitGroup
	defer storing.Wait()
	if err := render(output{dir: st.Dir, write: st.WriteFile}, doc, man, s, p.measuresKey, public, opt.Appendix || s.Appendix, progress, opt.Cache, &storing); err != nil {
		return nil, err
	}
	progress("publishing")
	if opt.Draft {
		if err := checkDraftMarked(st.Dir); err != nil {
			return nil, err
		}
		if err := site.PublishDraft(st); err != nil {
			return nil, err
		}
		dir := filepath.Join(public, site.Draft)
		logf("%s: draft of version %s, not published", dir, s.Version)
		return &Result{Version: s.Version, Dir: dir, Outcome: site.Published}, nil
	}
	out, err := site.Publish(st, s.Version, opt.Force, indexPage(s.Title))
	if err != nil {
		return nil, err
	}
	logf("%s: %s", filepath.Join(public, s.Version), out)
	return &Result{Version: s.Version, Dir: filepath.Join(public, s.Version), Outcome: out}, nil
}

// document is the manifest and the Document of a prepared study.
func (p *Prepared) document(built time.Time, tool string) (site.Manifest, *report.Document) {
	s := p.Study
	man := site.Manifest{Study: s.ID, Title: s.Title, Version: s.Version, Summary: s.Summary, Tool: tool, Built: built, StudyFile: p.StudyFH, Inputs: p.Inputs}
	doc := &report.Document{Title: s.Title, Subtitle: s.Subtitle, Authors: s.Authors, Version: s.Version, StudyID: s.ID, Built: built, Tool: tool, Sections: p.Sections, Measures: p.Measures.Measures}
	return man, doc
}

// output is where a version's files go: the folder, and how a file is
// written into it (a Stage links unchanged files; see site.Stage.WriteFile).
type output struct {
	dir   string
	write func(name string, data []byte) error // name slash-separated, relative to dir
}

// dirOutput writes plain files into dir.
func dirOutput(dir string) output {
	return output{dir: dir, write: func(name string, data []byte) error {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		return os.WriteFile(path, data, 0o644)
	}}
}

// render writes every output file of one version into out, with the paper
// appendix in out.dir/appendix when appendix is set. The report's PDF is
// laid out beside the web pages, on another core when there is one: the
// two share nothing but the charts, each drawn once (see drawing). The
// PDF paints its charts as vectors; PNGs are drawn only for the appendix.
//
// measuresKey is the cache key of doc's measures (Prepared.measuresKey).
//
// What the render made for the cache (rendered.last) is stored on
// storing, which the caller waits for.
func render(out output, doc *report.Document, man site.Manifest, s *study.Study, measuresKey, public string, appendixToo bool, progress Progress, cache *Cache, storing *sync.WaitGroup) error {
	r, err := startRender(out, doc, man, s, measuresKey, progress, cache)
	if err != nil {
		return err
	}
	// The PDF takes longest: it starts first, the charts' drawers after,
	// the PDF's charts first, so that its layout finds them drawn (the
	// web pages are done before the PDF, and can wait for theirs).
	pdfDone := make(chan error, 1)
	go func() { pdfDone <- r.reportPDF() }()
	kinds := []drawer{r.vector, r.svg, r.narrow}
	if appendixToo {
		kinds = append(kinds, r.png)
	}
	d := drawAll(doc, kinds...)
	defer d.stop()
	err = r.site(public)
	r.progress("rendering the PDF")
	if perr := <-pdfDone; err == nil {
		err = perr
	}
	if err == nil {
		storing.Go(r.last.store)
	}
	if err != nil || !appendixToo {
		return err
	}
	return r.appendix()
}

// rendered is a version being rendered: its JSON files made, its charts
// drawn on demand.
type rendered struct {
	out                output
	doc                *report.Document
	s                  *study.Study
	measures, manifest []byte
	svg, narrow, png   *drawn[[]byte]
	vector             *drawn[*charts.Drawing]
	cache              *Cache
	// last is what the last render of the study made (the web pages, the
	// PDF's pages and small attachments), stored when this one is done.
	last     *bundle
	progress Progress
}

// renderSite writes measures.json, manifest.json and the HTML site of one
// version into out: everything a browser needs, so a preview can show it
// before the PDF is drawn. Only the pages' charts are drawn, as the pages
// ask for them; the PDF's are left to previewPDF, so that nothing competes
// with the pages for the processor.
func renderSite(out output, doc *report.Document, man site.Manifest, s *study.Study, measuresKey, public string, progress Progress, cache *Cache) (*rendered, error) {
	r, err := startRender(out, doc, man, s, measuresKey, progress, cache)
	if err != nil {
		return nil, err
	}
	if err := r.site(public); err != nil {
		return nil, err
	}
	r.last.store()
	return r, nil
}

// previewPDF writes the report.pdf of a version renderSite wrote, its
// charts drawn all at once.
func (r *rendered) previewPDF() error {
	d := drawAll(r.doc, r.vector)
	defer d.stop()
	if err := r.reportPDF(); err != nil {
		return err
	}
	r.last.store()
	return nil
}

// startRender makes measures.json and manifest.json (site writes them,
// so that the PDF can start first) and the version's drawers of charts,
// which draw each chart once per kind; the caller starts drawing them all
// at once (drawAll), so the charts are ready or under way by the time a
// renderer needs them. measures.json comes from the cache when the
// measures did (measuresKey).
func startRender(out output, doc *report.Document, man site.Manifest, s *study.Study, measuresKey string, progress Progress, cache *Cache) (*rendered, error) {
	if progress == nil {
		progress = func(string) {}
	}
	// The last render's entry is read beside measures.json: both are
	// read before anything is rendered.
	var last *bundle
	var reading sync.WaitGroup
	reading.Go(func() { last = cache.bundleOf("render", layoutKey(s, doc)) })
	defer reading.Wait()
	measuresJSON, err := cache.measuresJSON(measuresKey, func() ([]byte, error) {
		return marshal(struct {
			Study    string           `json:"study"`
			Version  string           `json:"version"`
			Measures []report.Measure `json:"measures"`
		}{s.ID, s.Version, doc.Measures})
	})
	if err != nil {
		return nil, err
	}
	manifestJSON, err := marshal(man)
	if err != nil {
		return nil, err
	}
	keys := newFigureKeys()
	reading.Wait()
	r := &rendered{out: out, doc: doc, s: s, measures: measuresJSON, manifest: manifestJSON, cache: cache, progress: progress, last: last,
		svg: newDrawn(cachedFigure(cache, keys, "svg", charts.SVG)), narrow: newDrawn(cachedFigure(cache, keys, "svg-narrow", charts.NarrowSVG)),
		png: newDrawn(cachedFigure(cache, keys, "png", charts.PNG)), vector: newDrawn(cachedFigure(cache, keys, "vector", charts.Vector))}
	return r, nil
}

// site writes measures.json, manifest.json and the version's web pages,
// with a version switcher listing what is published in public.
func (r *rendered) site(public string) error {
	s, doc := r.s, r.doc
	for _, f := range []struct {
		name string
		b    []byte
	}{{"measures.json", r.measures}, {"manifest.json", r.manifest}} {
		if err := r.out.write(f.name, f.b); err != nil {
			return err
		}
	}
	versions, err := site.Versions(public)
	if err != nil {
		return err
	}
	var hv []html.Version
	seen := false
	this := site.Manifest{Version: s.Version, Built: doc.Built, Summary: s.Summary}
	for _, m := range versions {
		if m.Version == s.Version && !doc.Draft {
			// Replaced with -force: the list shows the version as this
			// build publishes it, not as it was.
			m = this
		}
		seen = seen || m.Version == s.Version
		hv = append(hv, htmlVersion(m))
	}
	// A draft lists only what is published: its own version is not (yet).
	if !seen && !doc.Draft {
		hv = append([]html.Version{htmlVersion(this)}, hv...)
	}
	var overrides fs.FS
	if fi, err := os.Stat(filepath.Join(s.Dir, "templates")); err == nil && fi.IsDir() {
		overrides = os.DirFS(filepath.Join(s.Dir, "templates"))
	}
	r.progress("rendering the web pages")
	err = html.Render(r.out.dir, doc, html.Options{Templates: overrides, FigureSVG: r.svg.get, Versions: hv,
		FigureNarrowSVG: r.narrow.get, Write: r.out.write, PageMemo: r.last.htmlPageMemo(),
		PDF: "report.pdf", Manifest: "manifest.json", Measures: "measures.json"})
	if err != nil {
		return fmt.Errorf("rendering HTML: %w", err)
	}
	return nil
}

// reportPDF writes report.pdf. The layout of the last build is most likely
// this one's too: when it is, the PDF is laid out once instead of twice
// (with the same bytes either way); and the pages and the tables' CSVs an
// edit did not change are not compressed again.
func (r *rendered) reportPDF() error {
	key := layoutKey(r.s, r.doc)
	popt := r.pdfOptions(r.last)
	popt.Guess = r.cache.layout(key)
	popt.PageMemo = r.last.pdfPageMemo()
	var buf bytes.Buffer
	lay, err := pdf.RenderLayout(&buf, r.doc, popt)
	if err != nil {
		return fmt.Errorf("rendering PDF: %w", err)
	}
	r.cache.storeLayout(key, popt.Guess, lay)
	return r.out.write("report.pdf", buf.Bytes())
}

// appendix writes the paper appendix into out.dir/appendix.
func (r *rendered) appendix() error {
	r.progress("rendering the paper appendix")
	if err := appendix.Render(filepath.Join(r.out.dir, "appendix"), r.doc, appendix.Options{FigureSVG: r.svg.get, FigurePNG: r.png.get, PDF: r.pdfOptions(nil)}); err != nil {
		return fmt.Errorf("rendering the paper appendix: %w", err)
	}
	return nil
}

// pdfOptions are the version's PDF options, with its charts and the
// cache; small keeps its small attachments compressed (see deflate).
func (r *rendered) pdfOptions(small *bundle) pdf.Options {
	popt := pdfOptions(r.s, r.vector.get, r.measures, r.manifest)
	popt.Deflate = r.cache.deflate(small)
	popt.FontMemo = r.cache.fontMemo()
	return popt
}

// pdfOptions are the options of a version's report.pdf: its charts, every
// table's data and the two JSON files attached.
func pdfOptions(s *study.Study, figure func(*report.Figure) (*charts.Drawing, error), measures, manifest []byte) pdf.Options {
	return pdf.Options{PageSize: s.PDF.PageSize, Keywords: s.Keywords, FigureDrawing: figure, AttachData: true, Attachments: []pdf.Attachment{
		{Name: "measures.json", Description: "Every computed number with its id, course, n and definition", Data: measures},
		{Name: "manifest.json", Description: "SHA-256 of every input file, tool version and build time", Data: manifest},
	}}
}

// htmlVersion is a published version as the version lists show it.
func htmlVersion(m site.Manifest) html.Version {
	return html.Version{Version: m.Version, Date: m.Built.Format("2 January 2006"), Summary: m.Summary}
}

// indexPage renders public/index.html, the list of versions.
func indexPage(title string) site.IndexFunc {
	return func(versions []site.Manifest) ([]byte, error) {
		var hv []html.Version
		for _, m := range versions {
			hv = append(hv, htmlVersion(m))
		}
		var buf bytes.Buffer
		if err := html.RenderIndex(&buf, title, hv); err != nil {
			return nil, err
		}
		return buf.Bytes(), nil
	}
}
