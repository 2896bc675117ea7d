package build

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"encoding/gob"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/moocreport/moocreport/internal/rfile"
	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/measures"
	"github.com/moocreport/moocreport/report/site"
	"github.com/moocreport/moocreport/report/study"
)

// Cache keeps what is expensive to recompute between builds of one study:
// the ingested Dataset, the measures, every chart drawn, and what the
// renderers made of them. All are keyed by content,
// never by time stamps, so a stale entry cannot be mistaken for a fresh one:
//
//   - A Dataset entry is keyed by the program that wrote it and by every
//     study.yaml setting that can change what ingest produces. It records
//     the files each source pattern matched and the SHA-256 of every file
//     read; a lookup re-matches the patterns and re-hashes the files (the
//     manifest needs those hashes anyway) and uses the entry only when all
//     agree. So an edit to content/, templates/ or the report's title reuses
//     the data; a changed, added or removed data file re-reads it.
//   - A chart is keyed by the program and the figure's data, so a chart is
//     drawn again only when its numbers, labels or kind change (see
//     cachedFigure).
//   - What the renderers make that a narrative edit leaves alone is keyed
//     by the program and everything it is made of: measures.json by the
//     measures' entry, a web page by the hash of all it shows, the PDF's
//     fonts by their file and the characters used (see rendercache.go).
//
// Every entry carries the SHA-256 of its payload; a corrupted or truncated
// entry is detected, reported through Log and rebuilt, never used. Entries
// are written to a temporary file and renamed, so a build killed mid-write
// leaves no half entry. A nil *Cache caches nothing.
type Cache struct {
	// Dir holds the entries; DefaultCacheDir is the usual place.
	Dir string
	// Log, when set, hears of entries found damaged (and rebuilt); a
	// routine miss, such as a changed data file, is silent.
	Log io.Writer

	mu       sync.Mutex
	recalled map[string]int // entries used, by kind (for tests)
}

// DefaultCacheDir is the cache folder beside study.yaml. It is not an
// input and never published; `moocreport init` writes a .gitignore for it.
func DefaultCacheDir(studyDir string) string {
	return filepath.Join(studyDir, ".moocreport-cache")
}

// cacheFormat changes whenever the layout of an entry changes.
const cacheFormat = "moocreport-cache-2"

// program identifies the running executable, so a cache written by
// another build of moocreport (whose ingest may compute something else) is
// never used. Computed once per process: the Go build ID the linker wrote
// into the executable (its last part is a hash of the executable's
// content), read from the ELF note without reading the rest of the file;
// on other executable formats, or when there is no such note, the SHA-256
// of the whole file (a few tens of milliseconds per run).
var program = sync.OnceValue(func() string {
	h := sha256.New()
	h.Write([]byte(cacheFormat))
	exe, err := os.Executable()
	if err != nil {
		return hex.EncodeToString(h.Sum(nil))
	}
	if id := goBuildID(exe); id != "" {
		h.Write([]byte("\x00buildid\x00" + id))
	} else if f, err := os.Open(exe); err == nil {
		io.Copy(h, f)
		f.Close()
	}
	return hex.EncodeToString(h.Sum(nil))
})

// goBuildID is the Go build ID in the ELF note section .note.go.buildid of
// the executable at path (what `go tool buildid` prints), or "" when the
// file is not ELF or has no such note. The note is a 4-byte name size, a
// 4-byte descriptor size and a 4-byte type (4), the name "Go\x00\x00", then
// the ID.
func goBuildID(path string) string {
	f, err := elf.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	sec := f.Section(".note.go.buildid")
	if sec == nil {
		return ""
	}
	b, err := sec.Data()
	if err != nil || len(b) < 16 {
		return ""
	}
	namesz, descsz := f.ByteOrder.Uint32(b[0:4]), f.ByteOrder.Uint32(b[4:8])
	if namesz != 4 || string(b[12:16]) != "Go\x00\x00" || uint64(16)+uint64(descsz) > uint64(len(b)) {
		return ""
	}
	return string(b[16 : 16+descsz])
}

// ingestSettings returns the part of a study that ingest reads, as JSON:
// everything except the settings that only shape the report (titles,
// outline, comparisons, scales, PDF options). A setting added to Study
// later is included until it is listed here, so the cache errs on the side
// of reading the data again.
func ingestSettings(s *study.Study) ([]byte, error) {
	b, err := json.Marshal(s)
	if err != nil {
		return nil, err
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	for _, reportOnly := range []string{"Title", "Subtitle", "Authors", "Version", "Summary", "Outline", "Appendix", "PDF", "Keywords", "Comparisons", "Scales", "File"} {
		delete(m, reportOnly)
	}
	return json.Marshal(m) // map keys are sorted: deterministic
}

// datasetHead is what the cache stores for one study's ingest besides
// the data themselves (datasetEntry): small, so a rebuild whose measures
// are cached too never decodes the data.
type datasetHead struct {
	// Matches maps each source path pattern to the files it matched.
	Matches map[string][]string
	// Inputs are the files ingest read, with their hashes.
	Inputs []site.FileHash
	// Summary counts what was read, for the build's summary line.
	Summary DataSummary
}

// datasetEntry is the data ingest produced, with the hashes of the files
// it read: loadDatasetBody uses it only when they are its head's.
type datasetEntry struct {
	Inputs  []site.FileHash
	Dataset report.Dataset
}

// sourceMatches expands every path pattern of the study (and lists a
// folder's files), so a file added next to the others invalidates the
// entry even though ingest never read it. Patterns are found by reflection
// (every string field tagged yaml:"path", at any depth), so a kind of
// source added to study.yaml later is covered without a change here.
//
// When seen is not nil, it is given what the walk found of each file (the
// file system's word on a file matched directly by a pattern costs
// nothing more: the walk read it), so that the build need not ask again
// (see inputHashes.sawFile).
func sourceMatches(s *study.Study, seen func(relPath string, fi fs.FileInfo)) map[string][]string {
	m := map[string][]string{}
	for _, pattern := range pathFields(reflect.ValueOf(s).Elem()) {
		native := filepath.FromSlash(pattern)
		if !filepath.IsAbs(native) { // an absolute path is read where it points, as ingest does
			native = filepath.Join(s.Dir, native)
		}
		paths, _ := filepath.Glob(native)
		var names []string
		for _, p := range paths {
			filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					names = append(names, rel(s.Dir, path))
					if seen != nil && path == p { // d holds p's Lstat: no call
						if fi, err := d.Info(); err == nil && fi.Mode().IsRegular() {
							seen(names[len(names)-1], fi)
						}
					}
				}
				return nil
			})
		}
		sort.Strings(names)
		m[pattern] = names
	}
	return m
}

// pathFields collects the values of string fields tagged yaml:"path".
func pathFields(v reflect.Value) []string {
	var out []string
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			out = pathFields(v.Elem())
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			out = append(out, pathFields(v.Index(i))...)
		}
	case reflect.Map:
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return fmt.Sprint(keys[i]) < fmt.Sprint(keys[j]) })
		for _, k := range keys {
			out = append(out, pathFields(v.MapIndex(k))...)
		}
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			if f.Type.Kind() == reflect.String && strings.Split(f.Tag.Get("yaml"), ",")[0] == "path" {
				if p := v.Field(i).String(); p != "" {
					out = append(out, p)
				}
				continue
			}
			out = append(out, pathFields(v.Field(i))...)
		}
	}
	return out
}

func (c *Cache) logf(format string, args ...any) {
	if c != nil && c.Log != nil {
		fmt.Fprintf(c.Log, "cache: "+format+"\n", args...)
	}
}

func (c *Cache) path(kind, key string) string {
	return filepath.Join(c.Dir, kind, key[:2], key)
}

// datasetKey keys a study's ingest entry.
func datasetKey(s *study.Study) (string, error) {
	settings, err := ingestSettings(s)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	h.Write([]byte(program()))
	h.Write([]byte{0})
	h.Write(settings)
	return hex.EncodeToString(h.Sum(nil)), nil
}

// loadDatasetHead returns the cached head of s's ingest (the files read
// with their hashes, and what they held), or ok false when there is no
// entry or it no longer matches the files on disk. When found is not nil,
// it is given the entry's head as soon as it is read, before the files are
// checked, so that the caller can start on what the head keys (the
// measures, see readMeasuresAhead) meanwhile.
func (c *Cache) loadDatasetHead(s *study.Study, hs *inputHashes, found func(*datasetHead)) (head *datasetHead, ok bool) {
	if c == nil {
		return nil, false
	}
	key, err := datasetKey(s)
	if err != nil {
		return nil, false
	}
	var h datasetHead
	if !c.read("datahead", key, &h) {
		return nil, false
	}
	if found != nil {
		found(&h)
	}
	now := sourceMatches(s, hs.sawFile)
	for pattern, files := range now {
		if !slices.Equal(files, h.Matches[pattern]) {
			return nil, false // a file added or removed
		}
	}
	for _, in := range h.Inputs {
		fh, err := hs.get(in.Path)
		if err != nil || fh != in {
			return nil, false // changed or gone
		}
	}
	// The data the head describes is in use even when the measures come
	// from the cache and it is not read: it must outlive the head (trim).
	data := c.path("data", key)
	if fi, err := os.Stat(data); err == nil {
		c.touch(data, fi.ModTime())
	}
	return &h, true
}

// loadDatasetBody returns the cached Dataset that head describes, or ok
// false when there is none, or the one stored was read from other files.
func (c *Cache) loadDatasetBody(s *study.Study, head *datasetHead) (*report.Dataset, bool) {
	key, err := datasetKey(s)
	if c == nil || err != nil {
		return nil, false
	}
	var e datasetEntry
	if !c.read("data", key, &e) || !slices.Equal(e.Inputs, head.Inputs) {
		return nil, false
	}
	return &e.Dataset, true
}

// storeDataset records a freshly ingested Dataset and its head: the data
// first, so a head is never newer than the data it describes.
func (c *Cache) storeDataset(s *study.Study, ds *report.Dataset, head *datasetHead) {
	if c == nil {
		return
	}
	key, err := datasetKey(s)
	if err != nil {
		return
	}
	c.write("data", key, datasetEntry{Inputs: head.Inputs, Dataset: *ds})
	c.write("datahead", key, head)
}

// An entry on disk is the SHA-256 of the payload (32 bytes) followed by the
// payload: a []byte itself (a chart, a page, compressed bytes: read back
// without a copy or a decoder), any other value gob-encoded.

func (c *Cache) read(kind, key string, v any) bool {
	path := c.path(kind, key)
	b, mtime, err := rfile.ReadFileTime(path)
	if err != nil {
		return false
	}
	c.touch(path, mtime)
	if len(b) < sha256.Size || sha256.Sum256(b[sha256.Size:]) != [sha256.Size]byte(b[:sha256.Size]) {
		c.logf("%s entry %s is damaged: rebuilding it", kind, key[:12])
		os.Remove(path)
		return false
	}
	if p, ok := v.(*[]byte); ok {
		*p = b[sha256.Size:]
		return true
	}
	if err := gob.NewDecoder(bytes.NewReader(b[sha256.Size:])).Decode(v); err != nil {
		c.logf("%s entry %s cannot be read (%v): rebuilding it", kind, key[:12], err)
		os.Remove(path)
		return false
	}
	return true
}

func (c *Cache) write(kind, key string, v any) {
	payload, ok := v.([]byte)
	if !ok {
		var buf bytes.Buffer
		if err := gob.NewEncoder(&buf).Encode(v); err != nil {
			c.logf("cannot store a %s entry: %v", kind, err)
			return
		}
		payload = buf.Bytes()
	}
	sum := sha256.Sum256(payload)
	path := c.path(kind, key)
	if err := writeAtomic(path, append(sum[:], payload...)); err != nil {
		c.logf("cannot store a %s entry: %v", kind, err)
	}
}

// writeAtomic writes a file through a temporary name in the same folder
// and a rename, so readers see the old file or the whole new one.
func writeAtomic(path string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
		return errors.Join(errors.New("writing "+path), err)
	}
	return nil
}

// Recall implements ingest.Memo: an entry the same program kept under
// kind and key, checked as every entry is.
func (c *Cache) Recall(kind, key string, v any) bool {
	ok := c.read(kind, memoKey(key), v)
	if ok {
		c.mu.Lock()
		if c.recalled == nil {
			c.recalled = map[string]int{}
		}
		c.recalled[kind]++
		c.mu.Unlock()
	}
	return ok
}

// Keep implements ingest.Memo.
func (c *Cache) Keep(kind, key string, v any) { c.write(kind, memoKey(key), v) }

// memoKey ties a reader's key to the program, as every cache key is.
func memoKey(key string) string {
	sum := sha256.Sum256([]byte(program() + "\x00" + key))
	return hex.EncodeToString(sum[:])
}

// measures computes the measures of s on ds, or takes them from the cache
// when the same program computed them for the same study.yaml settings
// (all of them: measures read most) and the same data files: a narrative
// or template edit then skips the computation, disclosure control and
// audit included, whose result would be the same. Cells and test results
// encode themselves (report/gob.go), so an entry gives back exactly what
// was computed (TestCacheGivesTheSameReport).
//
// key is the entry's key (empty without a cache), which keys what is made
// from the measures alone (measuresJSON).
//
// ahead, when not nil, is the entry read ahead under the key the data were
// expected to have (readMeasuresAhead): it is used when that is the key.
func (c *Cache) measures(s *study.Study, data []site.FileHash, ahead *measuresRead, dataset func() (*report.Dataset, error)) (res *measures.Result, key string, err error) {
	compute := func() (*measures.Result, error) {
		ds, err := dataset()
		if err != nil {
			return nil, err
		}
		return measures.Compute(s, ds)
	}
	if c == nil {
		res, err = compute()
		return res, "", err
	}
	key, err = measuresKey(s, data)
	if err != nil {
		res, err = compute()
		return res, "", err
	}
	if ahead == nil || ahead.key != key {
		ahead = c.readMeasures(key)
	}
	<-ahead.done
	if ahead.ok {
		return ahead.res, key, nil
	}
	if res, err = compute(); err != nil {
		return nil, "", err
	}
	c.write("measures", key, res)
	return res, key, nil
}

// measuresKey keys the measures of s on the data files data: the program,
// every setting and the files' hashes.
func measuresKey(s *study.Study, data []site.FileHash) (string, error) {
	settings, err := json.Marshal(s)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00measures\x00", program())
	h.Write(settings)
	for _, fh := range data {
		fmt.Fprintf(h, "\x00%s\x00%s", fh.Path, fh.SHA256)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// measuresRead is a measures entry being read on its own goroutine.
type measuresRead struct {
	key  string
	done chan struct{}
	res  *measures.Result
	ok   bool
}

// readMeasuresAhead starts reading the measures entry of s on data: a
// rebuild whose data did not change decodes its measures (the largest
// entry it reads) while it checks that they did not (loadDatasetHead).
// guess, when it is the read of that entry already (guessMeasures), is
// returned. Nil when there is no key.
func (c *Cache) readMeasuresAhead(s *study.Study, data []site.FileHash, guess *measuresRead) *measuresRead {
	key, err := measuresKey(s, data)
	if err != nil {
		return nil
	}
	if guess != nil && guess.key == key {
		return guess
	}
	return c.readMeasures(key)
}

// lastMeasuresKey keys the record of the measures key that the last build
// of the study at studyFile used.
func lastMeasuresKey(studyFile string) string {
	if abs, err := filepath.Abs(studyFile); err == nil {
		studyFile = abs
	}
	sum := sha256.Sum256([]byte(program() + "\x00last-measures\x00" + studyFile))
	return hex.EncodeToString(sum[:])
}

// guessMeasures starts reading the measures entry the last build of the
// study at studyFile used, before the study is read: most rebuilds use the
// same, and its decoding (the longest part of a rebuild before rendering)
// then overlaps reading the study and checking its data. The read is used
// only when its key is the one computed (readMeasuresAhead). Nil when there
// is no record.
func (c *Cache) guessMeasures(studyFile string) *measuresRead {
	var key []byte
	if c == nil || !c.read("last-measures", lastMeasuresKey(studyFile), &key) {
		return nil
	}
	return c.readMeasures(string(key))
}

// rememberMeasures records key as the measures key of the last build of
// the study at studyFile, unless guess already read it.
func (c *Cache) rememberMeasures(studyFile, key string, guess *measuresRead) {
	if c == nil || key == "" || guess != nil && guess.key == key {
		return
	}
	c.write("last-measures", lastMeasuresKey(studyFile), []byte(key))
}

// readMeasures starts reading the measures entry under key.
func (c *Cache) readMeasures(key string) *measuresRead {
	r := &measuresRead{key: key, done: make(chan struct{}), res: new(measures.Result)}
	go func() {
		defer close(r.done)
		r.ok = c.read("measures", key, r.res)
	}()
	return r
}
