// Package build runs the stages of a moocreport build in order: study
// definition, ingest, measures, narrative, then the HTML and PDF renderers,
// and publishes the result under public/<version>/.
//
// It is the only place that knows every stage; each stage knows only the
// one before it.
package build

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/ingest"
	"github.com/moocreport/moocreport/report/measures"
	"github.com/moocreport/moocreport/report/narrative"
	"github.com/moocreport/moocreport/report/site"
	"github.com/moocreport/moocreport/report/study"
)

// Options configure one build.
type Options struct {
	// StudyFile is the path of study.yaml.
	StudyFile string
	// Public is the output root; empty means "public" beside study.yaml.
	Public string
	// Built is the build time, from SOURCE_DATE_EPOCH. When zero, a version
	// already published keeps its original build time (so an identical
	// rebuild is byte-identical) and a new version takes Now.
	Built time.Time
	Now   time.Time
	// Force replaces a published version whose content would change.
	Force bool
	// Tool names the program and its version, e.g. "moocreport v0.1.0".
	Tool string
	// Appendix also writes the paper appendix, public/<version>/appendix/
	// (so does appendix: true in study.yaml). It is part of the version
	// and so under the same immutability rules as every other file.
	Appendix bool
	// Draft writes public/draft/ instead of public/<version>/: replaced
	// freely, never listed as a version, marked as a draft on every page
	// and in the PDF.
	Draft bool
	// Log receives the summary lines; nil discards them.
	Log io.Writer
	// Progress, when not nil, is told each stage as it starts.
	Progress Progress
	// Meter, when not nil, counts the bytes read while reading the data.
	Meter *ingest.Meter
	// Cache, when set, reuses ingested data and drawn charts from earlier
	// builds (see Cache); nil reads and draws everything.
	Cache *Cache
}

// Result says what a build produced.
type Result struct {
	Version string
	Dir     string // public/<version>, or public/draft
	Outcome site.Outcome
}

// Prepared is a study read and computed, ready to render.
type Prepared struct {
	Study *study.Study
	// Data says what the data files held; the data themselves are not
	// kept (a rebuild whose measures are cached never reads them).
	Data     DataSummary
	Measures *measures.Result
	Sections []report.Section
	Inputs   []site.FileHash
	StudyFH  site.FileHash
	// measuresKey is the cache key of Measures, empty without a cache: it
	// keys what is made of the measures alone (see Cache.measuresJSON).
	measuresKey string
}

// DataSummary is what the data files of a build held, in counts.
type DataSummary struct {
	Inputs       []string // the data files read, relative to the study
	Learners     int
	LearnerWeeks int // learners' weeks with activity
	Responses    int // survey responses
}

// summarise counts what ds holds.
func summarise(ds *report.Dataset) DataSummary {
	return DataSummary{Inputs: ds.Inputs, Learners: len(ds.Learners), LearnerWeeks: len(ds.Activity), Responses: len(ds.Responses)}
}

// newDatasetHead summarises what ingest read from ds's files, with their
// hashes (each file hashed once, by hs).
func newDatasetHead(s *study.Study, ds *report.Dataset, hs *inputHashes) (*datasetHead, error) {
	h := &datasetHead{Matches: sourceMatches(s, nil), Summary: summarise(ds)}
	for _, in := range ds.Inputs {
		fh, err := hs.get(in)
		if err != nil {
			return nil, err
		}
		h.Inputs = append(h.Inputs, fh)
	}
	return h, nil
}

// Progress is told the name of each stage as it starts ("reading the
// data", "rendering the PDF", …), in the words a user reads.
type Progress func(stage string)

// Prepare runs every stage up to rendering. `moocreport check` stops here.
func Prepare(studyFile string) (*Prepared, error) {
	return PrepareWith(studyFile, PrepareOptions{})
}

// PrepareOptions are Prepare's optional helpers.
type PrepareOptions struct {
	// Progress, when not nil, is told each stage as it starts.
	Progress Progress
	// Cache, when set, supplies the ingested data when no input file and
	// no ingest setting changed since it was stored (see Cache).
	Cache *Cache
	// Meter, when not nil, counts the bytes read while reading the data.
	Meter *ingest.Meter
}

// PrepareWith is Prepare with progress reports and a cache.
func PrepareWith(studyFile string, opt PrepareOptions) (*Prepared, error) {
	progress := opt.Progress
	if progress == nil {
		progress = func(string) {}
	}
	c := opt.Cache
	guess := c.guessMeasures(studyFile)
	progress("reading study.yaml")
	s, err := study.Load(studyFile)
	if err != nil {
		return nil, err
	}
	hs := c.inputHashes(s.Dir)
	defer c.saveStatIndex(hs)
	var hashing sync.WaitGroup
	defer hashing.Wait()
	head, ds, ahead, err := prepareData(s, opt, hs, &hashing, progress, guess)
	if err != nil {
		return nil, err
	}
	if ahead == nil {
		ahead = guess // used only if it is the entry the data key
	}
	progress("computing measures")
	res, mkey, err := c.measures(s, head.Inputs, ahead, func() (*report.Dataset, error) {
		if ds != nil {
			return ds, nil
		}
		if d, ok := c.loadDatasetBody(s, head); ok {
			return d, nil
		}
		// The data's entry is gone or damaged: read them again, and keep
		// them for the next build.
		progress("reading the data")
		d, err := ingest.LoadWith(s, opt.Meter, c.memo(hs))
		if err != nil {
			return nil, err
		}
		if h, err := newDatasetHead(s, d, hs); err == nil {
			c.storeDataset(s, d, h)
		}
		return d, nil
	})
	if err != nil {
		return nil, err
	}
	c.rememberMeasures(studyFile, mkey, guess)
	progress("assembling the narrative")
	contentDir := filepath.Join(s.Dir, "content")
	p := &Prepared{Study: s, Data: head.Summary, Measures: res, measuresKey: mkey}
	if err := p.hashInputs(contentDir, hs); err != nil {
		return nil, err
	}
	auto := res.Sections
	auto["provenance"] = append(auto["provenance"], provenance(p))
	p.Sections, err = narrative.Assemble(contentDir, s.Outline, auto, res.Measures, func(f string) string { return rel(s.Dir, f) })
	if err != nil {
		return nil, err
	}
	return p, nil
}

// prepareData returns the head of the study's data (files, hashes,
// counts) and, when they were read now, the data: from the cache when its
// entry still matches the files (ds is then nil: the measures may not need
// it, and ahead is their entry being read meanwhile, guess when that is
// the entry guessMeasures is reading), else read. Without a cache the data
// files are hashed on hashing, beside the measures.
func prepareData(s *study.Study, opt PrepareOptions, hs *inputHashes, hashing *sync.WaitGroup, progress Progress, guess *measuresRead) (head *datasetHead, ds *report.Dataset, ahead *measuresRead, err error) {
	c := opt.Cache
	head, cached := c.loadDatasetHead(s, hs, func(h *datasetHead) { ahead = c.readMeasuresAhead(s, h.Inputs, guess) })
	if cached {
		return head, nil, ahead, nil
	}
	progress("reading the data")
	if ds, err = ingest.LoadWith(s, opt.Meter, c.memo(hs)); err != nil {
		return nil, nil, nil, err
	}
	if c == nil {
		// Without a cache only the manifest needs the data files' hashes
		// (hashInputs): they are made while the measures are computed, on
		// another core.
		inputs := ds.Inputs
		hashing.Go(func() {
			for _, in := range inputs {
				hs.get(in) // an error is hashInputs' to report
			}
		})
		return &datasetHead{Summary: summarise(ds)}, ds, nil, nil
	}
	// Stored before measures run, so the entry is exactly what ingest
	// produced whatever later stages do with it.
	if head, err = newDatasetHead(s, ds, hs); err != nil {
		return nil, nil, nil, err
	}
	c.storeDataset(s, ds, head)
	return head, ds, nil, nil
}

// hashInputs lists and hashes every file the build read: the data files
// ingest read, the narrative in contentDir and the study's own templates,
// and study.yaml itself, each once (hs has those hashed already).
func (p *Prepared) hashInputs(contentDir string, hs *inputHashes) error {
	s := p.Study
	contentFiles, _ := filepath.Glob(filepath.Join(contentDir, "*.md"))
	var inputs []string
	inputs = append(inputs, p.Data.Inputs...)
	for _, f := range contentFiles {
		inputs = append(inputs, rel(s.Dir, f))
	}
	// A study's own templates shape the published pages, so they are
	// inputs too, hashed in the manifest like the data.
	tpl, err := templateFiles(os.DirFS(filepath.Join(s.Dir, "templates")))
	if err != nil {
		return err
	}
	for _, f := range tpl {
		inputs = append(inputs, "templates/"+f)
	}
	sort.Strings(inputs)
	for _, in := range inputs {
		fh, err := hs.get(in)
		if err != nil {
			return err
		}
		p.Inputs = append(p.Inputs, fh)
	}
	p.StudyFH, err = hs.get(filepath.Base(s.File))
	return err
}

// Run builds and publishes one version, or the draft.
func Run(opt Options) (*Result, error) {
	p, err := PrepareWith(opt.StudyFile, PrepareOptions{Progress: opt.Progress, Cache: opt.Cache, Meter: opt.Meter})
	if err != nil {
		return nil, err
	}
	res, err := p.publish(opt)
	if err == nil {
		opt.Cache.trim(time.Now())
	}
	return res, err
}

// templateFiles lists a study's own templates (slash-separated, relative
// to its templates/ folder): none when there is no such folder, an error
// when part of it cannot be read, never a shorter list.
func templateFiles(fsys fs.FS) ([]string, error) {
	var files []string
	err := fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == "." && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll // a study without templates of its own
			}
			return fmt.Errorf("reading the study's templates: %w", err)
		}
		if !d.IsDir() {
			files = append(files, path)
		}
		return nil
	})
	return files, err
}

func rel(dir, path string) string {
	r, err := filepath.Rel(dir, path)
	if err != nil {
		return filepath.ToSlash(path)
	}
	return filepath.ToSlash(r)
}

func marshal(v any) ([]byte, error) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
