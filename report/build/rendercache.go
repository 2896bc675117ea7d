package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"fmt"
	"slices"
	"sync"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/render/pdf"
	"github.com/moocreport/moocreport/report/study"
)

// What the renderers keep in the Cache: every chart drawn (cachedFigure),
// the PDF's last layout, a guess the PDF renderer checks before it uses it,
// the compressed form of large PDF attachments and what the PDF takes of
// its fonts, the last render's web pages, PDF pages and small attachments
// (together, as a bundle), and measures.json.

// layoutKey keys the PDF layout of a study's report or draft: the last one
// of the study folder, whatever its content, since a guess is checked.
func layoutKey(s *study.Study, doc *report.Document) string {
	sum := sha256.Sum256(fmt.Appendf(nil, "%s\x00pdf-layout\x00%s\x00%s\x00%t", program(), s.Dir, s.ID, doc.Draft))
	return hex.EncodeToString(sum[:])
}

// layout is the PDF layout stored under key, or nil.
func (c *Cache) layout(key string) *pdf.Layout {
	if c == nil {
		return nil
	}
	var l pdf.Layout
	if !c.read("layout", key, &l) {
		return nil
	}
	return &l
}

// storeLayout keeps the layout found, unless it is the one guessed.
func (c *Cache) storeLayout(key string, guess *pdf.Layout, found pdf.Layout) {
	if c == nil || (guess != nil && guess.Pages == found.Pages && slices.Equal(guess.Sections, found.Sections)) {
		return
	}
	c.write("layout", key, found)
}

// bundled is one item of a bundle: bytes made of some content, by the
// SHA-256 of the content.
type bundled struct {
	Sum [sha256.Size]byte
	B   []byte
}

// bundle is a memo of what one render makes of many small contents (the
// PDF's pages compressed, its small attachments compressed, the web
// pages), kept in the cache as one entry of kind under key (the study's
// layout key): a rebuild reads one entry for all of them, makes again
// only what an edit changed and writes one entry, not one per thing made
// (making a file is slow on some file systems, a millisecond on a virtual
// disk). The entry keeps what the last render made only.
type bundle struct {
	c         *Cache
	kind, key string
	known     map[[sha256.Size]byte][]byte
	mu        sync.Mutex
	now       map[[sha256.Size]byte][]byte // this PDF's
	made      bool                         // something was made anew
}

// bundleOf reads the bundle kept as kind under key; nil without a cache.
func (c *Cache) bundleOf(kind, key string) *bundle {
	if c == nil {
		return nil
	}
	var kept []bundled
	c.read(kind, key, &kept)
	b := &bundle{c: c, kind: kind, key: key, known: make(map[[sha256.Size]byte][]byte, len(kept)), now: map[[sha256.Size]byte][]byte{}}
	for _, k := range kept {
		b.known[k.Sum] = k.B
	}
	return b
}

// get returns what make makes of content, kept or made now; ns names what
// is made (contents of different kinds never share an item). An error
// from make is returned and nothing kept. It may be called from several
// goroutines.
func (b *bundle) get(ns string, content []byte, make func() ([]byte, error)) ([]byte, error) {
	h := sha256.New()
	h.Write([]byte(ns + "\x00"))
	h.Write(content)
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	b.mu.Lock()
	v, ok := b.known[sum]
	if !ok {
		v, ok = b.now[sum]
	}
	b.mu.Unlock()
	if !ok {
		var err error
		if v, err = make(); err != nil {
			return nil, err
		}
	}
	b.mu.Lock()
	b.made = b.made || !ok
	b.now[sum] = v
	b.mu.Unlock()
	return v, nil
}

// store keeps what this render made, when it is not what is kept
// already.
func (b *bundle) store() {
	if b == nil || !b.made && len(b.now) == len(b.known) {
		return
	}
	items := make([]bundled, 0, len(b.now))
	for sum, v := range b.now {
		items = append(items, bundled{Sum: sum, B: v})
	}
	slices.SortFunc(items, func(x, y bundled) int { return bytes.Compare(x.Sum[:], y.Sum[:]) })
	b.c.write(b.kind, b.key, items)
}

// pdfPageMemo is pdf.Options.PageMemo through b: the pages of the last
// PDF of the same study, so that the pages a narrative edit did not change
// are not compressed again. Nil without a cache.
func (b *bundle) pdfPageMemo() func(key string, make func() []byte) []byte {
	if b == nil {
		return nil
	}
	return func(content string, make func() []byte) []byte {
		z, _ := b.get("pdf-page", []byte(content), func() ([]byte, error) { return make(), nil })
		return z
	}
}

// htmlPageMemo is html.Options.PageMemo through b: a page whose templates
// and content did not change since the last render (after a narrative
// edit, every page but the edited one and the provenance) is not rendered
// again. Nil without a cache.
func (b *bundle) htmlPageMemo() func(key string, render func() ([]byte, error)) ([]byte, error) {
	if b == nil {
		return nil
	}
	return func(key string, render func() ([]byte, error)) ([]byte, error) {
		return b.get("html-page", []byte(key), render)
	}
}

// deflateMin is the size from which an attachment's compressed form is
// cached: below it, compressing costs less than a cache entry.
const deflateMin = 64 << 10

// bytesOf returns the bytes kept in the cache's folder kind for name,
// made by the running program, or makes them with make and keeps them;
// an error from make is returned and nothing kept. It is what each of the
// renderers' byte caches below does, under its own kind.
func (c *Cache) bytesOf(kind, name string, make func() ([]byte, error)) ([]byte, error) {
	sum := sha256.Sum256([]byte(program() + "\x00" + kind + "\x00" + name))
	key := hex.EncodeToString(sum[:])
	var b []byte
	if c.read(kind, key, &b) {
		return b, nil
	}
	b, err := make()
	if err == nil {
		c.write(kind, key, b)
	}
	return b, err
}

// deflate is pdf.Deflate through the cache, by the attachment's content:
// measures.json, the largest attachment, is the same after an edit to the
// narrative, and so are the tables' CSVs. A large attachment has an entry
// of its own; the small ones (every table's CSV) are kept together in
// small, the last PDF's, since reading an entry each costs about what
// compressing them does.
func (c *Cache) deflate(small *bundle) func([]byte) ([]byte, error) {
	if c == nil {
		return nil
	}
	return func(b []byte) ([]byte, error) {
		if len(b) < deflateMin {
			if small == nil {
				return pdf.Deflate(b)
			}
			return small.get("pdf-attachment", b, func() ([]byte, error) { return pdf.Deflate(b) })
		}
		sum := sha256.Sum256(b)
		return c.bytesOf("deflate", hex.EncodeToString(sum[:]), func() ([]byte, error) { return pdf.Deflate(b) })
	}
}

// fontMemo is pdf.Options.FontMemo through the cache: the fonts' metrics
// are parsed once, and as a narrative edit seldom brings a character the
// report did not use, their subsets are made again only when one does
// (together, a third of a PDF's time on a rebuild).
func (c *Cache) fontMemo() func(key string, make func() []byte) []byte {
	if c == nil {
		return nil
	}
	return func(key string, make func() []byte) []byte {
		b, _ := c.bytesOf("fonts", key, func() ([]byte, error) { return make(), nil })
		return b
	}
}

// measuresJSON is measures.json as marshal makes it, kept under the key of
// the measures entry it is made of (measuresKey, from Cache.measures): the
// file holds the measures, and the study's id and version, which that key
// covers with every other setting. A narrative edit then reuses the
// largest file of a version instead of formatting it again (a tenth of a
// rebuild). Without a cache or a key, it is marshal's.
func (c *Cache) measuresJSON(measuresKey string, marshal func() ([]byte, error)) ([]byte, error) {
	if c == nil || measuresKey == "" {
		return marshal()
	}
	return c.bytesOf("measures-json", measuresKey, marshal)
}

// figureKeys hashes each figure of one render once, for the cache keys of
// all its kinds (see cachedFigure).
type figureKeys = drawn[string]

// newFigureKeys hashes figures with the running program: gob, not JSON,
// since figures mark withheld values with NaN, which JSON cannot encode. A
// Figure has no maps, so its encoding is deterministic.
func newFigureKeys() *figureKeys {
	return newDrawn(func(f *report.Figure) (string, error) {
		h := sha256.New()
		fmt.Fprintf(h, "%s\x00figure\x00", program())
		if err := gob.NewEncoder(h).Encode(f); err != nil {
			return "", err
		}
		return hex.EncodeToString(h.Sum(nil)), nil
	})
}

// cachedFigure wraps a chart drawer (charts.SVG, charts.PNG,
// charts.Vector…) so that each figure is drawn once for its data and reused
// by later builds; kind names the drawer ("svg", "png", "vector"). The
// figure's key comes from keys, shared by every kind. T must survive gob
// unchanged, as []byte and *charts.Drawing do: the PDF painted from a
// cached drawing is the same, byte for byte (TestWarmRebuildIsCold).
// Without a cache it is draw.
func cachedFigure[T any](c *Cache, keys *figureKeys, kind string, draw func(*report.Figure) (T, error)) func(*report.Figure) (T, error) {
	if c == nil {
		return draw
	}
	return func(f *report.Figure) (T, error) {
		fk, err := keys.get(f)
		if err != nil {
			return draw(f)
		}
		sum := sha256.Sum256([]byte(kind + "\x00" + fk))
		key := hex.EncodeToString(sum[:])
		var v T
		if c.read("figures", key, &v) {
			return v, nil
		}
		v, err = draw(f)
		if err == nil {
			c.write("figures", key, v)
		}
		return v, err
	}
}
